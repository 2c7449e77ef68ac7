package vn.dvk.registration.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;
import vn.dvk.registration.registration.ModelKind;

/**
 * A campaign (phong trào / đợt đăng ký) of one organising unit for one year: its plan, where it stands, the
 * extensions of its window and the history of its transitions, with the events not yet published.
 */
@Document("campaigns")
public class Campaign implements HasOutbox {

    static final String TOPIC = "campaign-events";
    /** The day the 2025 catalog took effect: campaigns opening before it are records of the old one. */
    public static final LocalDate CATALOG_2025 = LocalDate.of(2025, 7, 1);

    /** One extension of the registration window, kept for the record. */
    public record Extension(LocalDate previousCloses, LocalDate closes, String reason, String by, Instant at) {
    }

    /** One transition of the lifecycle. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "CampaignTransition")
    public record Transition(CampaignStatus status, String by, Instant at) {
    }

    @Id
    private final String id;
    private final List<String> unitPath;
    private CampaignPlan plan;
    private CampaignStatus status;
    private final List<Extension> extensions;
    private final List<Transition> history;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    Campaign(String id, List<String> unitPath, CampaignPlan plan, CampaignStatus status, List<Extension> extensions,
            List<Transition> history, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.plan = plan;
        this.status = status;
        this.extensions = extensions == null ? new ArrayList<>() : new ArrayList<>(extensions);
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    static Campaign draft(String id, List<String> unitPath, CampaignPlan plan, String by, Instant at) {
        Campaign campaign = new Campaign(id, unitPath, normalised(plan), CampaignStatus.DRAFT, null, null, null, null);
        campaign.validate();
        campaign.history.add(new Transition(CampaignStatus.DRAFT, by, at));
        return campaign;
    }

    /** Replaces the plan; only a draft can change freely, and its organising unit stays. */
    void revise(CampaignPlan revised) {
        require(CampaignStatus.DRAFT);
        if (!revised.unitCode().equals(plan.unitCode())) {
            throw DomainException.unprocessable("campaign-unit-fixed");
        }
        this.plan = normalised(revised);
        validate();
    }

    CampaignEvents.Launched launch(String by, Instant at) {
        require(CampaignStatus.DRAFT);
        moveTo(CampaignStatus.LAUNCHED, by, at);
        return CampaignEvents.Launched.of(this, at);
    }

    /** Moves the last day of registration later; a closed registration opens again. */
    CampaignEvents.WindowExtended extend(LocalDate closes, String reason, String by, Instant at) {
        require(CampaignStatus.LAUNCHED, CampaignStatus.REGISTRATION_CLOSED);
        if (!closes.isAfter(plan.closes())) {
            throw DomainException.unprocessable("campaign-extension-not-later", plan.closes());
        }
        LocalDate previous = plan.closes();
        extensions.add(new Extension(previous, closes, reason, by, at));
        plan = new CampaignPlan(plan.unitCode(), plan.year(), plan.title(), plan.levels(), plan.fields(), plan.opens(),
                closes, plan.quotas(), plan.progressReportsDue(), plan.midTermReview(), plan.finalReview(),
                plan.criteriaSetId());
        if (status == CampaignStatus.REGISTRATION_CLOSED) {
            moveTo(CampaignStatus.LAUNCHED, by, at);
        }
        return new CampaignEvents.WindowExtended(id, plan.unitCode(), previous, closes, reason, at);
    }

    CampaignEvents.RegistrationClosed closeRegistration(String by, Instant at) {
        require(CampaignStatus.LAUNCHED);
        moveTo(CampaignStatus.REGISTRATION_CLOSED, by, at);
        return new CampaignEvents.RegistrationClosed(id, plan.unitCode(), at);
    }

    CampaignEvents.Closed close(String by, Instant at) {
        require(CampaignStatus.LAUNCHED, CampaignStatus.REGISTRATION_CLOSED);
        moveTo(CampaignStatus.CLOSED, by, at);
        return new CampaignEvents.Closed(id, plan.unitCode(), at);
    }

    /**
     * Whether a registration may be submitted on {@code today} (a local date in Asia/Ho_Chi_Minh). An archival
     * campaign takes its records while launched, whatever the day: they are entered after the fact.
     */
    public boolean acceptsRegistrationsOn(LocalDate today) {
        return status == CampaignStatus.LAUNCHED
                && (archival() || !today.isBefore(plan.opens()) && !today.isAfter(plan.closes()));
    }

    /**
     * Whether the campaign is a record of one run before 1 July 2025 (its window opened before): its registrations
     * name the old units that made them, and districts are a level.
     */
    public boolean archival() {
        return plan.opens().isBefore(CATALOG_2025);
    }

    /** The quota for a kind of unit and kind of model, if the campaign sets one. */
    public Optional<Integer> quota(UnitKind unitKind, ModelKind kind) {
        return plan.quotas().stream().filter(q -> q.unitKind() == unitKind && q.kind() == kind)
                .map(CampaignPlan.Quota::limit).findFirst();
    }

    private void validate() {
        if (plan.closes().isBefore(plan.opens())) {
            throw DomainException.unprocessable("campaign-window-reversed", plan.opens(), plan.closes());
        }
        if (!archival() && (plan.levels().contains(Level.DISTRICT)
                || plan.quotas().stream().anyMatch(q -> q.unitKind() == UnitKind.DISTRICT))) {
            throw DomainException.unprocessable("campaign-district-level-after-2025");
        }
        long distinct = plan.quotas().stream().map(q -> q.unitKind() + "/" + q.kind()).distinct().count();
        if (distinct != plan.quotas().size()) {
            throw DomainException.unprocessable("campaign-quota-repeated");
        }
    }

    private void require(CampaignStatus... allowed) {
        for (CampaignStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw DomainException.conflict("campaign-wrong-status", status);
    }

    private void moveTo(CampaignStatus next, String by, Instant at) {
        status = next;
        history.add(new Transition(next, by, at));
    }

    private static CampaignPlan normalised(CampaignPlan plan) {
        return new CampaignPlan(plan.unitCode(), plan.year(),
                Texts.nfc(plan.title()), plan.levels(), plan.fields(),
                plan.opens(), plan.closes(), plan.quotas(),
                plan.progressReportsDue().stream().sorted().toList(), plan.midTermReview(), plan.finalReview(),
                plan.criteriaSetId());
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    public String id() {
        return id;
    }

    public String unitCode() {
        return plan.unitCode();
    }

    public List<String> unitPath() {
        return unitPath;
    }

    public CampaignPlan plan() {
        return plan;
    }

    public CampaignStatus status() {
        return status;
    }

    public List<Extension> extensions() {
        return List.copyOf(extensions);
    }

    public List<Transition> history() {
        return List.copyOf(history);
    }

    public Long version() {
        return version;
    }
}
