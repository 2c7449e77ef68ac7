package vn.dvk.registration.campaign;

import java.util.List;

/** A campaign as the API shows it. */
record CampaignView(String id, CampaignStatus status, CampaignPlan plan, List<Campaign.Extension> extensions,
        List<Campaign.Transition> history, Long version) {

    static CampaignView of(Campaign c) {
        return new CampaignView(c.id(), c.status(), c.plan(), c.extensions(), c.history(), c.version());
    }
}
