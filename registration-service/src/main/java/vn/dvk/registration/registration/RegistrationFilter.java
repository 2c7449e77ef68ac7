package vn.dvk.registration.registration;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.registration.campaign.Level;

/**
 * The filters of a registration list, shared by the list and its export: a unit subtree, and optionally campaign,
 * year, status, field, kind, level and words of the title ({@code q}: each word starts a word of the title, in any
 * order, whatever the accents and case — "nuoi ong" and "ong mat" find "Nuôi ong lấy mật").
 */
public record RegistrationFilter(String scope, String campaignId, Integer year, RegistrationStatus status, Field field,
        ModelKind kind, Level level, String q) {

    public Criteria criteria() {
        Criteria criteria = Criteria.where("unitPath").is(scope);
        if (campaignId != null) {
            criteria = criteria.and("campaignId").is(campaignId);
        }
        if (year != null) {
            criteria = criteria.and("year").is(year);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        if (field != null) {
            criteria = criteria.and("form.field").is(field);
        }
        if (kind != null) {
            criteria = criteria.and("form.kind").is(kind);
        }
        if (level != null) {
            criteria = criteria.and("form.level").is(level);
        }
        String words = q == null ? "" : TitleKey.of(q);
        if (!words.isEmpty()) {
            criteria = new Criteria().andOperator(Stream.concat(Stream.of(criteria), Arrays.stream(words.split(" "))
                    .map(word -> Criteria.where("titleKey").regex("(^| )" + Pattern.quote(word))))
                    .toArray(Criteria[]::new));
        }
        return criteria;
    }

    /** {@code -createdAt} (newest first), {@code createdAt}, or {@code title} in Vietnamese alphabetical order. */
    public static Sort sort(String sort) {
        return switch (sort) {
            case "title" -> Sort.by("sortKey", "_id");
            case "createdAt" -> Sort.by("createdAt", "_id");
            case "-createdAt" -> Sort.by(Sort.Direction.DESC, "createdAt", "_id");
            default -> throw DomainException.unprocessable("sort-unknown", sort, "title, createdAt, -createdAt");
        };
    }
}
