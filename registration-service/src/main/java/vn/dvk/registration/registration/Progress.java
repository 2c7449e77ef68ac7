package vn.dvk.registration.registration;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import vn.dvk.registration.Limits;
import vn.dvk.registration.Measure;
import vn.dvk.kit.validation.PlausibleDate;

/** What owners report on a model once it runs: progress against its indicators, and where it was replicated. */
public final class Progress {

    private Progress() {
    }

    /** The actual value of one indicator on the day of the report. */
    public record Actual(@NotBlank @Size(max = Limits.NAME) String name, @NotNull @Measure BigDecimal actual) {
    }

    /** A progress report as filed: indicator actuals as of {@code reportedOn}, and a narrative. */
    public record ReportForm(@NotNull @PlausibleDate LocalDate reportedOn,
            @Size(max = Limits.INDICATORS) List<@NotNull @Valid Actual> indicators,
            @NotBlank @Size(max = Limits.TEXT) String narrative) {

        /** Copied as they come, nulls included, so that validation names a null one (400). */
        public ReportForm {
            indicators = indicators == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(indicators));
        }
    }

    public record Report(String id, LocalDate reportedOn, List<Actual> indicators, String narrative, String filedBy,
            Instant filedAt) {
    }

    /**
     * Where and how much the model was replicated (nhân rộng): the place (and its unit when it is one of the
     * catalog's), households, hectares and units that took it up.
     */
    public record ReplicationForm(@NotBlank @Size(max = Limits.NAME) String place,
            @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode,
            @PositiveOrZero @Max(Limits.COUNT_MAX) Integer households,
            @PositiveOrZero @DecimalMax(Limits.HECTARES_MAX) @Digits(integer = 8, fraction = Limits.FRACTION_DIGITS)
            BigDecimal hectares,
            @PositiveOrZero @Max(Limits.COUNT_MAX) Integer units, @Size(max = Limits.NOTE) String note) {
    }

    public record Replication(String id, String place, String unitCode, Integer households, BigDecimal hectares,
            Integer units, String note, String recordedBy, Instant recordedAt) {
    }
}
