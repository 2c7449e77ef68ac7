package vn.dvk.registration.campaign;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import vn.dvk.registration.Limits;
import vn.dvk.registration.registration.Field;
import vn.dvk.registration.registration.ModelKind;
import vn.dvk.kit.validation.PlausibleDate;

/**
 * What a coordinator decides about a campaign while it is a draft. Dates are local dates in Asia/Ho_Chi_Minh; the
 * registration window includes both its first and its last day.
 *
 * @param unitCode           the organising unit (the level that launches it and approves registrations)
 * @param quotas             per kind of registering unit and kind of model; a combination without a quota is unlimited
 * @param progressReportsDue the days by which owners report progress
 * @param criteriaSetId      the criteria set (rubric) the evaluation will use, if already chosen
 */
public record CampaignPlan(
        @NotBlank @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode,
        @Min(2000) @Max(2100) int year,
        @NotBlank @Size(min = 5, max = Limits.TITLE) String title,
        @NotEmpty Set<@NotNull Level> levels,
        @NotEmpty Set<@NotNull Field> fields,
        @NotNull @PlausibleDate LocalDate opens,
        @NotNull @PlausibleDate LocalDate closes,
        @Size(max = Limits.QUOTAS) List<@NotNull @Valid Quota> quotas,
        @Size(max = Limits.DATES) List<@NotNull @PlausibleDate LocalDate> progressReportsDue,
        @PlausibleDate LocalDate midTermReview,
        @PlausibleDate LocalDate finalReview,
        @Size(max = Limits.ID) String criteriaSetId) {

    /** At most {@code limit} registrations of {@code kind} per unit of {@code unitKind}. */
    public record Quota(@NotNull UnitKind unitKind, @NotNull ModelKind kind,
            @PositiveOrZero @Max(Limits.COUNT_MAX) int limit) {
    }

    /** Lists are copied as they come, nulls included, so that validation names a null element (400), not Jackson. */
    public CampaignPlan {
        quotas = quotas == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(quotas));
        progressReportsDue = progressReportsDue == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(progressReportsDue));
    }
}
