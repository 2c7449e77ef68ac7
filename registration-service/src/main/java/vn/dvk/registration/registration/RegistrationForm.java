package vn.dvk.registration.registration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.dvk.registration.Limits;
import vn.dvk.registration.Measure;
import vn.dvk.registration.campaign.Level;
import vn.dvk.kit.validation.PlausibleDate;

/**
 * The standard registration form of a model.
 *
 * @param unitCode       official code of the registering unit (leading zeros kept), e.g. {@code 00004}; for a record
 *                       from before 1 July 2025, the 2025 unit that carries it now
 * @param formerUnitCode only in campaigns from before 1 July 2025: the old province (2 digits), district (3) or
 *                       commune (5) that registered the model, from the imported catalog of that time
 * @param submit         submit at once (the default) or keep as a draft
 */
public record RegistrationForm(
        @NotBlank @Size(max = Limits.ID) String campaignId,
        @NotBlank @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode,
        @Pattern(regexp = FORMER_UNIT_CODE) String formerUnitCode,
        @NotBlank @Size(min = 5, max = Limits.TITLE) String title,
        @NotNull ModelKind kind,
        @NotNull Field field,
        Level level,
        @Valid Owner owner,
        @Valid Place place,
        @Size(max = Limits.TEXT) String description,
        @Size(max = Limits.TEXT) String goals,
        @Size(max = Limits.INDICATORS) List<@NotNull @Valid Indicator> indicators,
        @PlausibleDate LocalDate startDate,
        @PlausibleDate LocalDate endDate,
        Boolean submit) {

    /**
     * Who owns the model: an organisation, or a person with their position and party membership.
     *
     * @param organisationId optionally, one of the unit's registered organisations; its current name is then the
     *                       owner's name
     */
    public record Owner(@NotNull OwnerType type, @NotBlank @Size(max = Limits.NAME) String name,
            @Size(max = Limits.NAME) String position, Boolean partyMember,
            @Size(max = Limits.ID) String organisationId) {
    }

    public enum OwnerType { ORGANISATION, PERSON }

    /** Where the model is: the hamlet or residential group, and the commune (one of the catalog's). */
    public record Place(@Size(max = Limits.NAME) String hamlet, @Pattern(regexp = "\\d{5}") String communeCode) {
    }

    /** A measurable indicator: e.g. "Diện tích", "ha", baseline 0.6, target 20, actual 4. */
    public record Indicator(@NotBlank @Size(max = Limits.NAME) String name,
            @Size(max = Limits.CODE) String unitOfMeasure, @Measure BigDecimal baseline, @Measure BigDecimal target,
            @Measure BigDecimal actual) {
    }

    /** An old province, district or commune code: 2, 3 or 5 digits. */
    static final String FORMER_UNIT_CODE = "\\d{2}|\\d{3}|\\d{5}";

    /** Indicators are copied as they come, nulls included, so that validation names a null one (400). */
    public RegistrationForm {
        indicators = indicators == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(indicators));
    }

    RegistrationForm withLevel(Level replaced) {
        return new RegistrationForm(campaignId, unitCode, formerUnitCode, title, kind, field, replaced, owner, place,
                description, goals, indicators, startDate, endDate, submit);
    }

    RegistrationForm withOwner(Owner replaced) {
        return new RegistrationForm(campaignId, unitCode, formerUnitCode, title, kind, field, level, replaced, place,
                description, goals, indicators, startDate, endDate, submit);
    }

    RegistrationForm withIndicators(List<Indicator> replaced) {
        return new RegistrationForm(campaignId, unitCode, formerUnitCode, title, kind, field, level, owner, place,
                description, goals, replaced, startDate, endDate, submit);
    }

    /** The form with {@code submit} set: at once, {@code false} to keep a draft, null for a revision. */
    RegistrationForm withSubmit(Boolean replaced) {
        return new RegistrationForm(campaignId, unitCode, formerUnitCode, title, kind, field, level, owner, place,
                description, goals, indicators, startDate, endDate, replaced);
    }

    /**
     * The unit whose title and quota rules the registration counts under: the unit that registered it, which for a
     * record from before 1 July 2025 is the old one — its level's initial and code, since old and new codes overlap.
     */
    String registeringUnit() {
        if (formerUnitCode == null) {
            return unitCode;
        }
        return switch (formerUnitCode.length()) {
            case 2 -> "P";
            case 3 -> "D";
            default -> "C";
        } + formerUnitCode;
    }

    boolean submitNow() {
        return submit == null || submit;
    }
}
