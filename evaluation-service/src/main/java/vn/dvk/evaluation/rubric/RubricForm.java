package vn.dvk.evaluation.rubric;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.dvk.evaluation.Limits;

/**
 * A rubric as a coordinator writes it; without criteria (or title) the default set of its kind is used.
 *
 * @param unitCode the evaluating unit (the coordinator's, or one inside it)
 */
record RubricForm(@NotBlank @Size(max = Limits.ID) String campaignId,
        @NotBlank @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode, @NotNull ModelKind kind,
        @Size(max = Limits.TITLE) String title,
        @Size(max = Limits.CRITERIA) List<@NotNull @Valid Criterion> criteria) {
}
