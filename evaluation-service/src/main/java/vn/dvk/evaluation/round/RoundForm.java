package vn.dvk.evaluation.round;

import java.time.LocalDate;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import vn.dvk.evaluation.Limits;
import vn.dvk.evaluation.rubric.ModelKind;
import vn.dvk.kit.validation.PlausibleDate;

/**
 * A review round as its coordinator plans it. Dates are local dates in Asia/Ho_Chi_Minh, both included.
 *
 * @param unitCode         the unit whose level reviews: its approved models of the campaign at {@code level}
 * @param criteriaSets     the rubric for each kind of model
 * @param minReviews       how many reviewers score each model
 * @param commendationCap  at most this many models proposed for commendation or commended; none when null
 * @param blind            reviewers see others' scores only after submitting their own (the default)
 */
record RoundForm(@NotBlank @Size(max = Limits.ID) String campaignId,
        @NotBlank @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode, @NotNull Level level,
        @NotBlank @Size(min = 5, max = Limits.TITLE) String title, @NotNull @PlausibleDate LocalDate opens,
        @NotNull @PlausibleDate LocalDate closes,
        @NotEmpty Map<@NotNull ModelKind, @NotBlank @Size(max = Limits.ID) String> criteriaSets,
        @Min(1) @Max(20) int minReviews, @PositiveOrZero @Max(Limits.COUNT_MAX) Integer commendationCap,
        Boolean blind) {

    boolean blindOrDefault() {
        return blind == null || blind;
    }
}
