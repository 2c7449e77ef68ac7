package vn.dvk.evaluation.round;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.dvk.evaluation.Limits;

/**
 * A steering-committee member on a round's panel: their sign-in name and unit (a reviewer never scores a model of
 * their own unit), and the name to show.
 */
public record PanelMember(@NotBlank @Size(max = Limits.NAME) String username,
        @NotBlank @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode, @Size(max = Limits.NAME) String name) {
}
