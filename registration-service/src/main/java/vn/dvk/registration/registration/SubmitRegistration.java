package vn.dvk.registration.registration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The minimal registration form of the first slice.
 *
 * @param unitCode official code of the registering unit (digits, leading zeros kept), e.g. {@code 00004}
 */
record SubmitRegistration(
        @NotBlank @Pattern(regexp = "\\d{2,5}") String unitCode,
        @NotBlank @Size(min = 5, max = 300) String title,
        @NotNull ModelKind kind,
        @NotNull Field field) {
}
