package vn.dvk.registration.campaign;

import java.time.LocalDate;
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
import vn.dvk.registration.registration.Field;
import vn.dvk.registration.registration.ModelKind;

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
        @NotBlank @Size(min = 5, max = 300) String title,
        @NotEmpty Set<Level> levels,
        @NotEmpty Set<Field> fields,
        @NotNull LocalDate opens,
        @NotNull LocalDate closes,
        @Valid List<Quota> quotas,
        List<LocalDate> progressReportsDue,
        LocalDate midTermReview,
        LocalDate finalReview,
        @Size(max = 100) String criteriaSetId) {

    /** At most {@code limit} registrations of {@code kind} per unit of {@code unitKind}. */
    public record Quota(@NotNull UnitKind unitKind, @NotNull ModelKind kind, @PositiveOrZero int limit) {
    }

    public CampaignPlan {
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
        progressReportsDue = progressReportsDue == null ? List.of() : List.copyOf(progressReportsDue);
    }
}
