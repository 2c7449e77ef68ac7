package vn.dvk.registration.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import vn.dvk.registration.registration.Field;

/** The events on {@value Campaign#TOPIC}; schemas in contracts/schemas/campaign.*.v1.json. */
final class CampaignEvents {

    /** Local dates are in this zone; a window includes its first and last day. */
    static final String TIME_ZONE = "Asia/Ho_Chi_Minh";

    private CampaignEvents() {
    }

    /** Everything another service needs to schedule around the campaign: window, quotas, reports and reviews. */
    record Launched(String campaignId, String unitCode, int year, String title, Set<Level> levels, Set<Field> fields,
            LocalDate opens, LocalDate closes, String timeZone, List<CampaignPlan.Quota> quotas,
            List<LocalDate> progressReportsDue, LocalDate midTermReview, LocalDate finalReview, String criteriaSetId,
            Instant launchedAt) {

        static final String TYPE = "vn.dvk.campaign.launched.v1";

        static Launched of(Campaign c, Instant at) {
            CampaignPlan p = c.plan();
            return new Launched(c.id(), p.unitCode(), p.year(), p.title(), p.levels(), p.fields(), p.opens(),
                    p.closes(), TIME_ZONE, p.quotas(), p.progressReportsDue(), p.midTermReview(), p.finalReview(),
                    p.criteriaSetId(), at);
        }
    }

    record WindowExtended(String campaignId, String unitCode, LocalDate previousCloses, LocalDate closes,
            String reason, Instant extendedAt) {

        static final String TYPE = "vn.dvk.campaign.window-extended.v1";
    }

    record RegistrationClosed(String campaignId, String unitCode, Instant closedAt) {

        static final String TYPE = "vn.dvk.campaign.registration-closed.v1";
    }

    record Closed(String campaignId, String unitCode, Instant closedAt) {

        static final String TYPE = "vn.dvk.campaign.closed.v1";
    }
}
