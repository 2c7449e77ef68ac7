package vn.dvk.registration.campaign;

import java.util.List;

/**
 * A campaign as the API shows it.
 *
 * @param archival a record of a campaign run before 1 July 2025: its registrations name the old units that made them
 */
record CampaignView(String id, CampaignStatus status, CampaignPlan plan, boolean archival,
        List<Campaign.Extension> extensions, List<Campaign.Transition> history, Long version) {

    static CampaignView of(Campaign c) {
        return new CampaignView(c.id(), c.status(), c.plan(), c.archival(), c.extensions(), c.history(),
                c.version());
    }
}
