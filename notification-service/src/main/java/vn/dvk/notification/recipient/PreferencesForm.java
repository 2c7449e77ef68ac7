package vn.dvk.notification.recipient;

import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What signed-in people may change about themselves: how to reach them, when not to, and whether e-mails about
 * events wait for a daily digest (left out: kept as it was).
 */
public record PreferencesForm(@Size(max = 200) String name, @Email @Size(max = 254) String email,
        @Pattern(regexp = RecipientForm.PHONE) String phone, @NotEmpty @Size(max = 4) Set<@NotNull Channel> channels,
        @Pattern(regexp = "vi|en") String language, @Valid RecipientForm.QuietHoursForm quietHours,
        Boolean digest) {
}
