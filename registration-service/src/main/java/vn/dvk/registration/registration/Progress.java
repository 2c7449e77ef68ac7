package vn.dvk.registration.registration;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** What owners report on a model once it runs: progress against its indicators, and where it was replicated. */
public final class Progress {

    private Progress() {
    }

    /** The actual value of one indicator on the day of the report. */
    public record Actual(@NotBlank @Size(max = 200) String name, @NotNull BigDecimal actual) {
    }

    /** A progress report as filed: indicator actuals as of {@code reportedOn}, and a narrative. */
    public record ReportForm(@NotNull LocalDate reportedOn, @Valid @Size(max = 30) List<Actual> indicators,
            @NotBlank @Size(max = 5000) String narrative) {

        public ReportForm {
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
        }
    }

    public record Report(String id, LocalDate reportedOn, List<Actual> indicators, String narrative, String filedBy,
            Instant filedAt) {
    }

    /**
     * Where and how much the model was replicated (nhân rộng): the place (and its unit when it is one of the
     * catalog's), households, hectares and units that took it up.
     */
    public record ReplicationForm(@NotBlank @Size(max = 300) String place,
            @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode, @PositiveOrZero Integer households,
            @PositiveOrZero BigDecimal hectares, @PositiveOrZero Integer units, @Size(max = 2000) String note) {
    }

    public record Replication(String id, String place, String unitCode, Integer households, BigDecimal hectares,
            Integer units, String note, String recordedBy, Instant recordedAt) {
    }
}
