package vn.dvk.evaluation.grading;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import vn.dvk.evaluation.Limits;
import vn.dvk.evaluation.Points;

/**
 * A superior's change to one score: which criterion ({@code BONUS} for the bonus), which part, the new points and
 * why (required unless it awards the superior's own part).
 */
record AdjustmentForm(@NotBlank @Size(max = Limits.CODE) String code, @NotNull Grading.Part part,
        @NotNull @Points BigDecimal score, @Size(max = Limits.REASON) String reason) {
}
