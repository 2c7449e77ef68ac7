package vn.dvk.evaluation.rubric;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import vn.dvk.evaluation.Limits;
import vn.dvk.evaluation.Points;

/**
 * One criterion of a rubric.
 *
 * @param weight      its share of the total (the weights of the counted criteria are relative to each other)
 * @param maxScore    the highest score a reviewer may give
 * @param required    a scorecard cannot be submitted without it
 * @param independent shown and scored, but not counted toward the total (e.g. "registered with the launching body")
 */
@io.swagger.v3.oas.annotations.media.Schema(name = "RubricCriterion")
public record Criterion(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,20}") String code,
        @NotBlank @Size(max = Limits.TITLE) String titleVi,
        @Size(max = Limits.TITLE) String titleEn,
        @Size(max = Limits.NOTE) String guidance,
        @NotNull @Points BigDecimal weight,
        @NotNull @Positive @Points BigDecimal maxScore,
        boolean required,
        boolean independent) {
}
