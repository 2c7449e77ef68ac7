package vn.dvk.registration.registration;

import java.util.Comparator;

import vn.dvk.kit.problem.DomainException;
import vn.dvk.registration.campaign.Level;

/**
 * The filters of a registration list, shared by the list and its export: a unit subtree, and optionally campaign,
 * year, status, field, kind, level, words of the title ({@code q}: each word starts a word of the title, in any
 * order, whatever the accents and case — "nuoi ong" and "ong mat" find "Nuôi ong lấy mật") and an old unit
 * ({@code formerUnitCode}: records from before 1 July 2025 made by that old province, district or commune, or under
 * it).
 */
public record RegistrationFilter(String scope, String campaignId, Integer year, RegistrationStatus status, Field field,
        ModelKind kind, Level level, String q, String formerUnitCode) {

    private static final Comparator<RegistrationSearch.Entry> NEWEST_LAST =
            Comparator.comparingLong(RegistrationSearch.Entry::createdAt).thenComparing(RegistrationSearch.Entry::id);

    /** Everything but the scope (the search picks the units inside it) and the title words. */
    boolean matchesInScope(RegistrationSearch.Entry e) {
        return (campaignId == null || campaignId.equals(e.campaignId()))
                && (year == null || year == e.year())
                && (status == null || status == e.status())
                && (field == null || field == e.field())
                && (kind == null || kind == e.kind())
                && (level == null || level == e.level())
                && (formerUnitCode == null || e.formerPath().contains(formerUnitCode));
    }

    /** The words of {@code q} as title keys hold them (no accents, lower case), each after a space: " nuoi". */
    String[] queryWords() {
        String words = q == null ? "" : TitleKey.of(q);
        return words.isEmpty() ? new String[0] : (" " + words).split("(?= )");
    }

    /** {@code -createdAt} (newest first), {@code createdAt}, or {@code title} in Vietnamese alphabetical order. */
    static Comparator<RegistrationSearch.Entry> order(String sort) {
        return switch (sort) {
            case "title" -> Comparator.comparing(RegistrationSearch.Entry::sortKey)
                    .thenComparing(RegistrationSearch.Entry::id);
            case "createdAt" -> NEWEST_LAST;
            case "-createdAt" -> NEWEST_LAST.reversed();
            default -> throw DomainException.unprocessable("sort-unknown", sort, "title, createdAt, -createdAt");
        };
    }
}
