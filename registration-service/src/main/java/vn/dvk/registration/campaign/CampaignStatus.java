package vn.dvk.registration.campaign;

/** draft → launched → registration closed → closed; an extension of the window reopens a closed registration. */
public enum CampaignStatus {
    DRAFT, LAUNCHED, REGISTRATION_CLOSED, CLOSED
}
