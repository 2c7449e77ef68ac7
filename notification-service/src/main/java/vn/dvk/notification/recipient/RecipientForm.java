package vn.dvk.notification.recipient;

import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.dvk.kit.security.Role;

/** A recipient as an administrator or coordinator enters (or imports) them. */
public record RecipientForm(
        @NotBlank @Pattern(regexp = "\\d{2}|\\d{5}|[A-Z0-9][A-Z0-9._-]{1,39}") String unitCode,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 254) String email,
        @Pattern(regexp = PHONE) String phone,
        @NotEmpty @Size(max = 5) Set<@NotNull Role> roles,
        @NotEmpty @Size(max = 4) Set<@NotNull Channel> channels,
        @Pattern(regexp = "vi|en") String language,
        @Valid QuietHoursForm quietHours,
        Boolean digest,
        Boolean active) {

    /** Vietnamese mobile numbers, with or without +84. */
    public static final String PHONE = "(\\+84|0)\\d{9,10}";

    public record QuietHoursForm(@NotBlank @Pattern(regexp = TIME) String from, @NotBlank @Pattern(regexp = TIME) String to) {
        static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d";
    }
}
