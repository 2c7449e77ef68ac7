package vn.dvk.registration.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import vn.dvk.registration.Limits;
import vn.dvk.registration.registration.Field;
import vn.dvk.registration.registration.ModelKind;
import vn.dvk.kit.testing.Violations;

/** The caps of a campaign plan, one rule per test. */
class CampaignPlanLimitsTest {

    private static CampaignPlan plan(String title, LocalDate opens, List<CampaignPlan.Quota> quotas,
            List<LocalDate> due) {
        return new CampaignPlan("01", 2026, title, Set.of(Level.COMMUNE), Set.of(Field.ECONOMY), opens,
                LocalDate.of(2026, 12, 31), quotas, due, null, null, null);
    }

    private static final CampaignPlan.Quota TEN = new CampaignPlan.Quota(UnitKind.COMMUNE, ModelKind.COLLECTIVE, 10);

    @Test
    void aPlanWithinEveryCapIsAccepted() {
        assertThat(Violations.of(plan("Phong trào Dân vận khéo 2026", LocalDate.of(2026, 1, 1), List.of(TEN),
                List.of(LocalDate.of(2026, 6, 30))))).isEmpty();
    }

    @Test
    void aTitleOf301CharactersIsRefused() {
        assertThat(Violations.of(plan("x".repeat(301), LocalDate.of(2026, 1, 1), null, null)))
                .containsExactly("title");
    }

    @Test
    void nullInsideQuotasOrTheScheduleIsRefusedAsAFieldError() {
        assertThat(Violations.of(plan("Phong trào Dân vận khéo 2026", LocalDate.of(2026, 1, 1),
                Arrays.asList(TEN, null), Arrays.asList(LocalDate.of(2026, 6, 30), null))))
                .containsExactly("progressReportsDue[1]", "quotas[1]");
    }

    @Test
    void anOpeningDayInTheYear999999999IsRefused() {
        assertThat(Violations.of(plan("Phong trào Dân vận khéo 2026", LocalDate.MAX, null, List.of(LocalDate.MIN))))
                .containsExactly("opens", "progressReportsDue[0]");
    }

    @Test
    void aQuotaBeyondTenMillionIsRefused() {
        assertThat(Violations.of(plan("Phong trào Dân vận khéo 2026", LocalDate.of(2026, 1, 1),
                List.of(new CampaignPlan.Quota(UnitKind.COMMUNE, ModelKind.COLLECTIVE, Limits.COUNT_MAX + 1)), null)))
                .containsExactly("quotas[0].limit");
    }
}
