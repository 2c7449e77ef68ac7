package vn.dvk.evaluation.round;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A decision (quyết định) as signed: its number, date, signer and issuing body. */
record DecisionForm(@NotBlank @Size(max = 100) String number, @NotNull LocalDate date,
        @Size(max = 200) String signer, @Size(max = 300) String issuingBody) {
}
