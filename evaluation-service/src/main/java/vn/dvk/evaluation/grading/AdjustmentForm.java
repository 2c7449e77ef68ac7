package vn.dvk.evaluation.grading;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A superior's change to one score: which criterion ({@code BONUS} for the bonus), which part, the new points and
 * why (required unless it awards the superior's own part).
 */
record AdjustmentForm(@NotBlank String code, @NotNull Grading.Part part, @NotNull BigDecimal score,
        @Size(max = 2000) String reason) {
}
