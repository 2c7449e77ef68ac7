package vn.dvk.registration.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.Outbox;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.registration.Limits;
import vn.dvk.registration.campaign.Campaign;
import vn.dvk.registration.campaign.CampaignCatalog;
import vn.dvk.registration.campaign.CampaignStatus;
import vn.dvk.registration.campaign.Level;
import vn.dvk.registration.campaign.UnitKind;
import vn.dvk.registration.unit.FormerUnit;
import vn.dvk.registration.unit.HistoricalCatalog;
import vn.dvk.registration.unit.Organisation;
import vn.dvk.registration.unit.UnitDirectory;
import vn.dvk.units.UnitCatalog;

/**
 * Registering models, with the campaign's rules checked on the server: the unit lies inside the campaign's organising
 * unit; field and level are open; submissions only inside the window (a local date in Asia/Ho_Chi_Minh, both ends
 * included); one title per campaign and unit, ignoring accents, case and spacing; the quota per unit and kind of
 * model, atomically. Every transition and its event are saved in one write.
 */
@Service
class RegistrationDesk {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Dates in answers as Vietnamese officials write them. */
    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final List<RegistrationStatus> HOLDING_QUOTA = java.util.Arrays.stream(RegistrationStatus.values())
            .filter(RegistrationStatus::holdsQuota).toList();

    private final Registrations registrations;
    private final MongoTemplate mongo;
    private final CampaignCatalog campaigns;
    private final Claims claims;
    private final Outbox outbox;
    private final UnitCatalog units;
    private final UnitDirectory directory;
    private final HistoricalCatalog history;
    private final Clock clock;

    RegistrationDesk(Registrations registrations, MongoTemplate mongo, CampaignCatalog campaigns, Claims claims,
            Outbox outbox, UnitDirectory directory, HistoricalCatalog history, Clock clock) {
        this.registrations = registrations;
        this.mongo = mongo;
        this.campaigns = campaigns;
        this.claims = claims;
        this.outbox = outbox;
        this.units = UnitCatalog.official2025();
        this.directory = directory;
        this.history = history;
        this.clock = clock;
    }

    Registration register(RegistrationForm form, String by) {
        return register(form, campaignFor(form), by);
    }

    /** As {@link #register(RegistrationForm, String)} with the campaign already loaded (imports load it once). */
    Registration register(RegistrationForm form, Campaign campaign, String by) {
        if (!campaign.id().equals(form.campaignId())) {
            throw new IllegalArgumentException("form of another campaign");
        }
        UnitCatalog.Unit unit = units.find(form.unitCode())
                .orElseThrow(() -> DomainException.unprocessable("unit-unknown", form.unitCode()));
        requireKnownPlace(form);
        FormerUnit former = formerUnit(campaign, form);
        Level unitLevel = former != null ? former.level() : levelOf(unit);
        Level level = form.level() == null ? unitLevel : form.level();
        if (level != unitLevel) {
            throw DomainException.unprocessable("registration-level-not-for-unit", level,
                    former != null ? former.code() : form.unitCode());
        }
        RegistrationForm withLevel = form.withLevel(level).withOwner(owner(form, null));
        checkOpen(campaign, withLevel);
        UnitKind unitKind = former != null ? UnitKind.valueOf(former.level().name()) : kindOf(unit);
        Instant now = clock.instant();
        Registration registration = Registration.draft(Ids.newId(), withLevel, campaign.plan().year(),
                units.pathOf(form.unitCode()), unitKind, former, by, now);
        claimTitle(registration);
        try {
            if (!withLevel.submitNow()) {
                outbox.append(registration, Registration.TOPIC, RegistrationChanged.DRAFTED, registration.id(),
                        registration.drafted());
                return registrations.save(registration);
            }
            return submit(registration, campaign, by);
        } catch (RuntimeException e) {
            claims.releaseTitle(registration.campaignId(), registration.registeringUnit(), registration.titleKey(),
                    registration.id());
            throw e;
        }
    }

    /**
     * The old unit that registered a record of an archival campaign, which every such record names; it must be
     * carried now by the 2025 unit the form names. Current campaigns know only 2025 units.
     */
    private FormerUnit formerUnit(Campaign campaign, RegistrationForm form) {
        if (!campaign.archival()) {
            if (form.formerUnitCode() != null) {
                throw DomainException.unprocessable("registration-former-unit-not-archival", form.formerUnitCode());
            }
            return null;
        }
        FormerUnit former = formerUnit(form.formerUnitCode());
        List<String> carriers = history.carriersOf(former);
        if (!carriers.contains(form.unitCode())) {
            throw DomainException.unprocessable("registration-former-unit-not-carried", former.name(), former.code(),
                    form.unitCode(), String.join(", ", carriers));
        }
        return former;
    }

    /** The imported old unit an archival campaign's record names. */
    private FormerUnit formerUnit(String code) {
        if (code == null) {
            throw DomainException.unprocessable("registration-former-unit-required");
        }
        return history.formerUnit(code)
                .orElseThrow(() -> DomainException.unprocessable("registration-former-unit-unknown", code));
    }

    Registration revise(Registration registration, RegistrationForm form) {
        // Campaign and unit stay, checked before anything the form names is looked up: an owner organisation is
        // then always sought in the registration's own unit, never in one the caller named.
        if (!form.campaignId().equals(registration.campaignId()) || !form.unitCode().equals(registration.unitCode())
                || !java.util.Objects.equals(form.formerUnitCode(), registration.form().formerUnitCode())) {
            throw DomainException.unprocessable("registration-campaign-unit-fixed");
        }
        Campaign campaign = campaignFor(registration);
        requireKnownPlace(form);
        RegistrationForm kept = form.withLevel(form.level() == null ? registration.level() : form.level())
                .withOwner(owner(form, registration.form().owner())).withSubmit(null);
        if (kept.level() != registration.level()) {
            throw DomainException.unprocessable("registration-level-not-for-unit", kept.level(),
                    registration.formerUnit() != null ? registration.formerUnit().code() : registration.unitCode());
        }
        checkOpen(campaign, kept);
        String previousTitleKey = registration.titleKey();
        ModelKind previousKind = registration.kind();
        registration.revise(kept, clock.instant());
        boolean newTitle = !registration.titleKey().equals(previousTitleKey);
        if (newTitle) {
            claimTitle(registration);
        }
        try {
            if (registration.kind() != previousKind && registration.status().holdsQuota()) {
                claimPlace(registration, campaign);
            }
        } catch (RuntimeException e) {
            if (newTitle) {
                claims.releaseTitle(registration.campaignId(), registration.registeringUnit(), registration.titleKey(),
                        registration.id());
            }
            throw e;
        }
        Registration saved = registrations.save(registration);
        if (!saved.titleKey().equals(previousTitleKey)) {
            claims.releaseTitle(saved.campaignId(), saved.registeringUnit(), previousTitleKey, saved.id());
        }
        if (saved.kind() != previousKind && saved.status().holdsQuota()) {
            claims.releasePlace(saved.campaignId(), saved.registeringUnit(), previousKind, saved.id());
        }
        return saved;
    }

    /**
     * The owner as it will be stored: a registered organisation of the unit, when one is named, under its current
     * name. An organisation retired since it was chosen stays acceptable for the registration that already has it.
     */
    private RegistrationForm.Owner owner(RegistrationForm form, RegistrationForm.Owner current) {
        RegistrationForm.Owner owner = form.owner();
        if (owner == null || owner.organisationId() == null || owner.organisationId().isBlank()) {
            return owner == null ? null : new RegistrationForm.Owner(owner.type(), owner.name(), owner.position(),
                    owner.partyMember(), null);
        }
        if (current != null && owner.organisationId().equals(current.organisationId())) {
            return current;
        }
        Organisation organisation = directory.ownerFor(form.unitCode(), owner.organisationId());
        return new RegistrationForm.Owner(RegistrationForm.OwnerType.ORGANISATION, organisation.name(), null, null,
                organisation.id());
    }

    /** The commune a form places the model in, when it names one, is one of the catalog's (422 otherwise). */
    private static void requireKnownPlace(RegistrationForm form) {
        if (form.place() != null) {
            Limits.knownUnit(form.place().communeCode());
        }
    }

    /** Submits a draft or resubmits a returned registration: inside the window, within the quota. */
    Registration submit(Registration registration, String by) {
        return submit(registration, campaignFor(registration), by);
    }

    Registration approve(Registration registration, String by) {
        return save(registration, registration.approve(by, clock.instant()));
    }

    Registration sendBack(Registration registration, String reason, String by) {
        return save(registration, registration.sendBack(reason, by, clock.instant()));
    }

    /** Withdraws it and frees its title and its quota place for another model. */
    Registration withdraw(Registration registration, String by) {
        boolean heldPlace = registration.status().holdsQuota();
        Registration saved = save(registration, registration.withdraw(by, clock.instant()));
        claims.releaseTitle(saved.campaignId(), saved.registeringUnit(), saved.titleKey(), saved.id());
        if (heldPlace) {
            claims.releasePlace(saved.campaignId(), saved.registeringUnit(), saved.kind(), saved.id());
        }
        return saved;
    }

    Registration reportProgress(Registration registration, Progress.ReportForm form, String by) {
        Registration.ProgressReported event = registration.report(Ids.newId(), form, by, clock.instant());
        outbox.append(registration, Registration.TOPIC, Registration.ProgressReported.TYPE, registration.id(), event);
        return registrations.save(registration);
    }

    Registration recordReplication(Registration registration, Progress.ReplicationForm form, String by) {
        Limits.knownUnit(form.unitCode());
        Registration.Replicated event = registration.replicate(Ids.newId(), form, by, clock.instant());
        outbox.append(registration, Registration.TOPIC, Registration.Replicated.TYPE, registration.id(), event);
        return registrations.save(registration);
    }

    /** Quota places taken by a unit in a campaign, per kind of model, with the limits. */
    List<QuotaStatus> quotaStatus(Campaign campaign, String unitCode, String formerUnitCode) {
        UnitKind unitKind;
        Criteria registering;
        if (campaign.archival()) {
            // The quota of a record from before 2025 was its old unit's; one the 2025 unit carries (or lies above).
            FormerUnit former = formerUnit(formerUnitCode);
            List<String> carriers = history.carriersOf(former);
            if (carriers.stream().noneMatch(carrier -> units.contains(unitCode, carrier))) {
                throw DomainException.unprocessable("registration-former-unit-not-carried", former.name(),
                        former.code(), unitCode, String.join(", ", carriers));
            }
            unitKind = UnitKind.valueOf(former.level().name());
            registering = Criteria.where("formerUnit.code").is(former.code()).and("formerUnit.level")
                    .is(former.level());
        } else {
            if (formerUnitCode != null) {
                throw DomainException.unprocessable("registration-former-unit-not-archival", formerUnitCode);
            }
            unitKind = units.find(unitCode).map(RegistrationDesk::kindOf)
                    .orElseThrow(() -> DomainException.unprocessable("unit-unknown", unitCode));
            registering = Criteria.where("unitCode").is(unitCode);
        }
        return java.util.Arrays.stream(ModelKind.values())
                .map(kind -> new QuotaStatus(kind, (int) mongo.count(new Query(new Criteria().andOperator(
                        Criteria.where("campaignId").is(campaign.id()), registering,
                        Criteria.where("form.kind").is(kind).and("status").in(HOLDING_QUOTA))), Registration.class),
                        campaign.quota(unitKind, kind).orElse(null)))
                .toList();
    }

    /** See the controller's {@code progress-due}: who reported for a day of the schedule, and who is late. */
    ProgressDue progressDue(Campaign campaign, String unitCode, LocalDate due) {
        List<LocalDate> schedule = campaign.plan().progressReportsDue();
        if (schedule.isEmpty()) {
            throw DomainException.unprocessable("campaign-no-progress-schedule");
        }
        LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
        LocalDate day = due != null ? due : schedule.stream().filter(d -> !d.isAfter(today))
                .reduce((a, b) -> b).orElse(schedule.get(0));
        if (!schedule.contains(day)) {
            throw DomainException.unprocessable("progress-due-not-scheduled", day);
        }
        LocalDate since = schedule.stream().filter(d -> d.isBefore(day)).reduce((a, b) -> b)
                .orElse(campaign.plan().opens().minusDays(1));
        List<Registration> running = mongo.find(new Query(Criteria.where("campaignId").is(campaign.id())
                .and("unitPath").is(unitCode).and("status").in(Registration.RUNNING)), Registration.class);
        List<ProgressDue.Late> late = running.stream()
                .filter(r -> r.progressReports().stream().noneMatch(p -> p.reportedOn().isAfter(since)
                        && !p.reportedOn().isAfter(day)))
                .map(r -> new ProgressDue.Late(r.id(), r.unitCode(), r.title(), r.progressReports().stream()
                        .map(Progress.Report::reportedOn).max(java.util.Comparator.naturalOrder()).orElse(null)))
                .toList();
        return new ProgressDue(day, since.plusDays(1), running.size() - late.size(), late);
    }

    /** Reports due by {@code due} for the period from {@code from}: how many reported, and who is late. */
    record ProgressDue(LocalDate due, LocalDate from, int reported, List<Late> late) {

        record Late(String registrationId, String unitCode, String title, LocalDate lastReportedOn) {
        }
    }

    /** Places taken and the limit (null: no limit) for one kind of model. */
    record QuotaStatus(ModelKind kind, int registered, Integer allowed) {
    }

    /** The campaign of a registration; the level that launched it decides. */
    Campaign campaignFor(Registration registration) {
        return campaigns.find(registration.campaignId())
                .orElseThrow(() -> DomainException.unprocessable("campaign-not-found", registration.campaignId()));
    }

    private Registration submit(Registration registration, Campaign campaign, String by) {
        LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
        if (!campaign.acceptsRegistrationsOn(today)) {
            throw DomainException.unprocessable("registration-window-closed",
                    DAY.format(campaign.plan().opens()), DAY.format(campaign.plan().closes()));
        }
        claimPlace(registration, campaign);
        try {
            return save(registration, registration.submit(by, clock.instant()));
        } catch (RuntimeException e) {
            claims.releasePlace(registration.campaignId(), registration.registeringUnit(), registration.kind(),
                    registration.id());
            throw e;
        }
    }

    private void claimPlace(Registration registration, Campaign campaign) {
        Optional<Integer> limit = campaign.quota(registration.unitKind(), registration.kind());
        if (limit.isPresent() && !claims.claimPlace(registration.campaignId(), registration.registeringUnit(),
                registration.kind(), limit.get(), registration.id(),
                id -> stillHoldsPlace(id, registration.kind()))) {
            throw DomainException.conflict("registration-quota-full", limit.get(),
                    registration.kind() == ModelKind.COLLECTIVE ? "tập thể" : "cá nhân");
        }
    }

    private void claimTitle(Registration registration) {
        String key = registration.titleKey();
        if (!claims.claimTitle(registration.campaignId(), registration.registeringUnit(), key, registration.id(),
                id -> registrations.findById(id)
                        .filter(r -> r.status() != RegistrationStatus.WITHDRAWN && r.titleKey().equals(key))
                        .isPresent())) {
            throw DomainException.conflict("registration-duplicate", registration.title());
        }
    }

    /** Whether a registration still needs a quota place for this kind: it takes one, and is of that kind. */
    private boolean stillHoldsPlace(String registrationId, ModelKind kind) {
        return registrations.findById(registrationId)
                .filter(r -> r.status().holdsQuota() && r.kind() == kind).isPresent();
    }

    private Registration save(Registration registration, RegistrationChanged event) {
        outbox.append(registration, Registration.TOPIC,
                RegistrationChanged.typeFor(event.status()), registration.id(), event);
        return registrations.save(registration);
    }

    /** Units of the 2025 catalog register at province level (the province) or commune level (a commune). */
    private static Level levelOf(UnitCatalog.Unit unit) {
        return unit.parentCode() == null ? Level.PROVINCE : Level.COMMUNE;
    }

    private static UnitKind kindOf(UnitCatalog.Unit unit) {
        return unit.parentCode() == null ? UnitKind.PROVINCE : UnitKind.COMMUNE;
    }

    private Campaign campaignFor(RegistrationForm form) {
        return campaigns.find(form.campaignId())
                .orElseThrow(() -> DomainException.unprocessable("campaign-not-found", form.campaignId()));
    }

    private void checkOpen(Campaign campaign, RegistrationForm form) {
        if (campaign.status() != CampaignStatus.LAUNCHED) {
            throw DomainException.unprocessable("registration-campaign-not-open", campaign.plan().title());
        }
        if (!units.contains(campaign.unitCode(), form.unitCode())) {
            throw DomainException.unprocessable("registration-unit-outside-campaign", form.unitCode(),
                    campaign.unitCode());
        }
        if (!campaign.plan().fields().contains(form.field())) {
            throw DomainException.unprocessable("registration-field-not-open", form.field());
        }
        if (!campaign.plan().levels().contains(form.level())) {
            throw DomainException.unprocessable("registration-level-not-open", form.level());
        }
    }
}
