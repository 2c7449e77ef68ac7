package vn.dvk.notification.recipient;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.text.Texts;
import vn.dvk.kit.text.VietnameseOrder;

/**
 * A person the service notifies: in a unit, with roles there, how to reach them and how they like to be reached.
 * {@code key} identifies them across imports and edits: {@code user:<username>} for someone who signs in, otherwise
 * {@code mail:<unit>:<e-mail>}.
 *
 * @param digest    whether their e-mails about events wait for one daily digest (reminders still go at once)
 * @param sortKey   see {@link #sortKeyOf}
 * @param searchKey see {@link #searchKeyOf}
 */
@Document(Recipient.COLLECTION)
public record Recipient(@Id String id, String key, String unitCode, String username, String name, String email,
        String phone, Set<Role> roles, Set<Channel> channels, String language, QuietHours quietHours,
        boolean digest, boolean active, Instant updatedAt, String updatedBy, @JsonIgnore String sortKey,
        @JsonIgnore String searchKey) {

    static final String COLLECTION = "recipients";

    /**
     * Listed as Vietnamese lists people: by given name (the last word) in dictionary order, then by the whole name.
     */
    public static String sortKeyOf(String name) {
        String given = name.substring(name.lastIndexOf(' ') + 1);
        return VietnameseOrder.sortKey(given) + " " + VietnameseOrder.sortKey(name);
    }

    /** Found without accents: name, e-mail and user name folded. */
    public static String searchKeyOf(String name, String email, String username) {
        return Texts.fold(String.join(" ", name, email == null ? "" : email, username == null ? "" : username));
    }

    /** Local times between which no SMS or Zalo message is sent; {@code from} after {@code to} spans midnight. */
    public record QuietHours(LocalTime from, LocalTime to) {

        public boolean contains(LocalTime time) {
            return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
                    : !time.isBefore(from) || time.isBefore(to);
        }

        public static QuietHours parse(String text) {
            String[] parts = text.split("-");
            return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()));
        }
    }

    static String keyOf(String unitCode, String username, String email) {
        return username != null && !username.isBlank() ? "user:" + username
                : "mail:" + unitCode + ":" + email.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this person acts in the unit with any of the roles (an empty set of roles matches everyone). */
    public boolean serves(String unit, Set<Role> wanted) {
        return active && unit.equals(unitCode) && (wanted.isEmpty() || roles.stream().anyMatch(wanted::contains));
    }
}
