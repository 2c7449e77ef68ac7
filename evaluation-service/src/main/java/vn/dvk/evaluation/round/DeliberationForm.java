package vn.dvk.evaluation.round;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import vn.dvk.evaluation.Limits;

/**
 * The panel's deliberation on a model as the coordinator records it.
 *
 * @param commendation for the tiers that commend: giấy khen or bằng khen, and the proposing (or awarding) body
 * @param sendUp       an exemplary model goes on to the next level's round of the campaign
 */
record DeliberationForm(@PositiveOrZero @Max(Limits.COUNT_MAX) int votesFor,
        @PositiveOrZero @Max(Limits.COUNT_MAX) int votesAgainst,
        @PositiveOrZero @Max(Limits.COUNT_MAX) int votesAbstained, @NotNull Tier tier, @Valid Commendation commendation,
        Boolean sendUp, @Size(max = Limits.NOTE) String note) {

    @io.swagger.v3.oas.annotations.media.Schema(name = "CommendationForm")
    record Commendation(@NotNull @Pattern(regexp = "GIAY_KHEN|BANG_KHEN")
            @io.swagger.v3.oas.annotations.media.Schema(allowableValues = {"GIAY_KHEN", "BANG_KHEN"}) String kind,
            @Size(max = Limits.NAME) String body) {
    }
}
