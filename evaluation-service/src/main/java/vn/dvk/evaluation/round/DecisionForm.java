package vn.dvk.evaluation.round;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import vn.dvk.evaluation.Limits;
import vn.dvk.kit.validation.PlausibleDate;

/** A decision (quyết định) as signed: its number, date, signer and issuing body. */
record DecisionForm(@NotBlank @Size(max = Limits.CODE) String number, @NotNull @PlausibleDate LocalDate date,
        @Size(max = Limits.NAME) String signer, @Size(max = Limits.NAME) String issuingBody) {
}
