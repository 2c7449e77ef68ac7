package vn.dvk.evaluation.grading;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.dvk.evaluation.Limits;
import vn.dvk.evaluation.Points;
import vn.dvk.kit.validation.PlausibleDate;

/**
 * A grading scheme as the superior level's coordinator writes it.
 *
 * @param unitCode the grading (superior) unit: it grades the units, blocks or members below it
 */
record SchemeForm(@NotBlank @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode, @Min(2000) @Max(2100) int year,
        @NotNull GradingScheme.Subject subject, @NotBlank @Size(min = 5, max = Limits.TITLE) String title,
        @NotEmpty @Size(max = Limits.CRITERIA) List<GradingScheme.@NotNull @Valid Criterion> criteria,
        @Points BigDecimal bonusMax,
        @NotEmpty @Size(max = Limits.GRADES) List<GradingScheme.@NotNull @Valid Threshold> thresholds,
        @PlausibleDate LocalDate selfAssessmentDue) {
}
