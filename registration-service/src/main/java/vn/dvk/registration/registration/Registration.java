package vn.dvk.registration.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;
import vn.dvk.kit.text.VietnameseOrder;
import vn.dvk.registration.campaign.Level;
import vn.dvk.registration.campaign.UnitKind;
import vn.dvk.registration.unit.FormerUnit;

/**
 * A model registered by a unit in a campaign: the form, where it stands, the history of its transitions and the
 * events not yet published — one document, so that a change and its event are saved together.
 */
@Document("registrations")
public class Registration implements HasOutbox {

    static final String TOPIC = "registration-events";

    /**
     * An evaluation outcome, as the decision that issued it states it; {@code eventId} makes a redelivery harmless.
     */
    public record Outcome(String eventId, String roundId, Level level, String tier, String commendationKind,
            String commendationBody, String decisionNumber, java.time.LocalDate decisionDate, String issuingBody,
            Instant issuedAt) {
    }

    /** One transition: who moved it, when, and why (for a return). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "RegistrationTransition")
    public record Transition(RegistrationStatus from, RegistrationStatus to, String by, Instant at, String reason) {
    }

    @Id
    private final String id;
    private final String campaignId;
    private final String unitCode;
    private final List<String> unitPath;
    private final UnitKind unitKind;
    /** For a record from before 1 July 2025: the old unit that registered it ({@code unitCode} carries it now). */
    private final FormerUnit formerUnit;
    private RegistrationForm form;
    private final int year;
    private String titleKey;
    private String sortKey;
    private RegistrationStatus status;
    private String returnReason;
    private final List<Transition> history;
    private final List<Progress.Report> progressReports;
    private final List<Progress.Replication> replications;
    private final List<Evidence.Attachment> attachments;
    private final List<Outcome> outcomes;
    private final Instant createdAt;
    private Instant submittedAt;
    private Instant updatedAt;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    Registration(String id, String campaignId, String unitCode, List<String> unitPath, UnitKind unitKind,
            FormerUnit formerUnit, int year, RegistrationForm form, String titleKey, String sortKey, RegistrationStatus status, String returnReason,
            List<Transition> history, List<Progress.Report> progressReports, List<Progress.Replication> replications,
            List<Evidence.Attachment> attachments, List<Outcome> outcomes, Instant createdAt, Instant submittedAt, Instant updatedAt, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.campaignId = campaignId;
        this.unitCode = unitCode;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.unitKind = unitKind;
        this.formerUnit = formerUnit;
        this.year = year;
        this.form = form;
        this.titleKey = titleKey;
        this.sortKey = sortKey;
        this.status = status;
        this.returnReason = returnReason;
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
        this.progressReports = progressReports == null ? new ArrayList<>() : new ArrayList<>(progressReports);
        this.replications = replications == null ? new ArrayList<>() : new ArrayList<>(replications);
        this.attachments = attachments == null ? new ArrayList<>() : new ArrayList<>(attachments);
        this.outcomes = outcomes == null ? new ArrayList<>() : new ArrayList<>(outcomes);
        this.createdAt = createdAt;
        this.submittedAt = submittedAt;
        this.updatedAt = updatedAt;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    /** A new registration, as a draft; {@link #submit} follows at once unless the unit keeps it as a draft. */
    static Registration draft(String id, RegistrationForm form, int year, List<String> unitPath, UnitKind unitKind,
            FormerUnit formerUnit, String by, Instant at) {
        RegistrationForm clean = normalised(form);
        Registration r = new Registration(id, clean.campaignId(), clean.unitCode(), unitPath, unitKind, formerUnit,
                year, clean,
                TitleKey.of(clean.title()), VietnameseOrder.sortKey(clean.title()), RegistrationStatus.DRAFT, null,
                null, null, null, null, null, at, null, at, null, null);
        r.history.add(new Transition(null, RegistrationStatus.DRAFT, by, at, null));
        return r;
    }

    /** Changes the form of a draft or of a returned registration; campaign and unit stay. */
    void revise(RegistrationForm revised, Instant at) {
        require(EnumSet.of(RegistrationStatus.DRAFT, RegistrationStatus.RETURNED));
        if (!revised.campaignId().equals(campaignId) || !revised.unitCode().equals(unitCode)
                || !java.util.Objects.equals(revised.formerUnitCode(), form.formerUnitCode())) {
            throw DomainException.unprocessable("registration-campaign-unit-fixed");
        }
        this.form = normalised(revised);
        this.titleKey = TitleKey.of(form.title());
        this.sortKey = VietnameseOrder.sortKey(form.title());
        this.updatedAt = at;
    }

    /** Submits a draft, or resubmits a returned registration. */
    RegistrationChanged submit(String by, Instant at) {
        require(EnumSet.of(RegistrationStatus.DRAFT, RegistrationStatus.RETURNED));
        RegistrationStatus next = status == RegistrationStatus.DRAFT ? RegistrationStatus.SUBMITTED
                : RegistrationStatus.RESUBMITTED;
        submittedAt = at;
        return moveTo(next, by, at, null);
    }

    RegistrationChanged approve(String by, Instant at) {
        require(EnumSet.of(RegistrationStatus.SUBMITTED, RegistrationStatus.RESUBMITTED));
        returnReason = null;
        return moveTo(RegistrationStatus.APPROVED, by, at, null);
    }

    RegistrationChanged sendBack(String reason, String by, Instant at) {
        require(EnumSet.of(RegistrationStatus.SUBMITTED, RegistrationStatus.RESUBMITTED));
        returnReason = reason;
        return moveTo(RegistrationStatus.RETURNED, by, at, reason);
    }

    RegistrationChanged withdraw(String by, Instant at) {
        require(EnumSet.of(RegistrationStatus.DRAFT, RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED,
                RegistrationStatus.RESUBMITTED));
        return moveTo(RegistrationStatus.WITHDRAWN, by, at, null);
    }

    /**
     * Files a progress report on a model that runs (approved, recognised or commended); the actuals it names become
     * the indicators' current actuals.
     */
    ProgressReported report(String reportId, Progress.ReportForm form, String by, Instant at) {
        require(RUNNING);
        Progress.Report report = new Progress.Report(reportId, form.reportedOn(), form.indicators(),
                Texts.nfc(form.narrative()), by, at);
        progressReports.add(report);
        List<RegistrationForm.Indicator> indicators = this.form.indicators().stream().map(i -> form.indicators()
                .stream().filter(a -> TitleKey.of(a.name()).equals(TitleKey.of(i.name()))).findFirst()
                .map(a -> new RegistrationForm.Indicator(i.name(), i.unitOfMeasure(), i.baseline(), i.target(),
                        a.actual()))
                .orElse(i)).toList();
        this.form = this.form.withIndicators(indicators);
        updatedAt = at;
        return new ProgressReported(id, campaignId, unitCode, reportId, form.reportedOn(), at);
    }

    /** Records where a running model was replicated. */
    Replicated replicate(String replicationId, Progress.ReplicationForm form, String by, Instant at) {
        require(RUNNING);
        replications.add(new Progress.Replication(replicationId, Texts.nfc(form.place()), form.unitCode(),
                form.households(), form.hectares(), form.units(), Texts.nfc(form.note()), by, at));
        updatedAt = at;
        return new Replicated(id, campaignId, unitCode, replicationId, form.unitCode(), form.households(),
                form.hectares(), form.units(), at);
    }

    /**
     * Adds evidence; a withdrawn registration takes none. The same content twice (by its digest) is refused, as is
     * a dossier already full.
     */
    void attach(Evidence.Attachment attachment) {
        if (status == RegistrationStatus.WITHDRAWN) {
            throw DomainException.conflict("registration-wrong-status", status);
        }
        if (attachments.size() >= Evidence.MAX_PER_REGISTRATION) {
            throw DomainException.unprocessable("attachment-too-many", Evidence.MAX_PER_REGISTRATION);
        }
        attachments.stream().filter(a -> a.sha256().equals(attachment.sha256())).findFirst().ifPresent(a -> {
            throw DomainException.conflict("attachment-duplicate", a.fileName());
        });
        attachments.add(attachment);
        updatedAt = attachment.uploadedAt();
    }

    /**
     * Removes evidence while the registration is still being prepared or examined; once a decision rests on it
     * (approved, recognised, commended), it stays.
     */
    Evidence.Attachment detach(String attachmentId, Instant at) {
        if (RUNNING.contains(status) || status == RegistrationStatus.WITHDRAWN) {
            throw DomainException.conflict("registration-wrong-status", status);
        }
        Evidence.Attachment attachment = attachment(attachmentId)
                .orElseThrow(() -> DomainException.notFound("attachment-not-found", attachmentId));
        attachments.remove(attachment);
        updatedAt = at;
        return attachment;
    }

    java.util.Optional<Evidence.Attachment> attachment(String attachmentId) {
        return attachments.stream().filter(a -> a.id().equals(attachmentId)).findFirst();
    }

    public List<Evidence.Attachment> attachments() {
        return List.copyOf(attachments);
    }

    /**
     * Records an evaluation outcome once. A running model moves up to recognised or commended when the outcome says
     * so, never down (a later, lower outcome at another level is recorded and changes nothing); a model that is not
     * running keeps its status. Answers the event of the move, if there is one.
     *
     * @return empty when nothing moved, including when the outcome was recorded before
     */
    java.util.Optional<RegistrationChanged> recordOutcome(Outcome outcome, RegistrationStatus earned, Instant at) {
        if (outcomes.stream().anyMatch(o -> o.eventId().equals(outcome.eventId()))) {
            return java.util.Optional.empty();
        }
        outcomes.add(outcome);
        updatedAt = at;
        if (!RUNNING.contains(status) || rank(earned) <= rank(status)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(moveTo(earned, "evaluation", at, null, outcome));
    }

    private static int rank(RegistrationStatus s) {
        return s == RegistrationStatus.COMMENDED ? 2 : s == RegistrationStatus.RECOGNISED ? 1 : 0;
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    static final Set<RegistrationStatus> RUNNING = EnumSet.of(RegistrationStatus.APPROVED,
            RegistrationStatus.RECOGNISED, RegistrationStatus.COMMENDED);

    /** {@value #TYPE}: an owner filed a progress report. */
    record ProgressReported(String registrationId, String campaignId, String unitCode, String reportId,
            java.time.LocalDate reportedOn, Instant at) {
        static final String TYPE = "vn.dvk.registration.progress-reported.v1";
    }

    /** {@value #TYPE}: the model was replicated somewhere. */
    record Replicated(String registrationId, String campaignId, String unitCode, String replicationId,
            String replicatedInUnitCode, Integer households, java.math.BigDecimal hectares, Integer units,
            Instant at) {
        static final String TYPE = "vn.dvk.registration.replicated.v1";
    }

    /** The event that announced the draft, for {@link RegistrationDesk} to put in the outbox. */
    RegistrationChanged drafted() {
        return changed(createdAt, null, null);
    }

    private RegistrationChanged moveTo(RegistrationStatus next, String by, Instant at, String reason) {
        return moveTo(next, by, at, reason, null);
    }

    private RegistrationChanged moveTo(RegistrationStatus next, String by, Instant at, String reason,
            Outcome outcome) {
        history.add(new Transition(status, next, by, at, reason));
        status = next;
        updatedAt = at;
        return changed(at, reason, outcome);
    }

    private RegistrationChanged changed(Instant at, String reason, Outcome outcome) {
        boolean submission = status == RegistrationStatus.SUBMITTED || status == RegistrationStatus.RESUBMITTED;
        RegistrationChanged.Owner owner = form.owner() == null ? null
                : new RegistrationChanged.Owner(form.owner().type(), form.owner().name());
        return new RegistrationChanged(id, campaignId, unitCode, form.title(), owner, form.kind(), form.field(), level(),
                status, at, submission ? submittedAt : null, reason, outcome, formerUnit, year);
    }

    private void require(Set<RegistrationStatus> allowed) {
        if (!allowed.contains(status)) {
            throw DomainException.conflict("registration-wrong-status", status);
        }
    }

    /** Titles and texts in Unicode NFC, so that the same Vietnamese typed on different keyboards compares equal. */
    private static RegistrationForm normalised(RegistrationForm f) {
        return new RegistrationForm(f.campaignId(), f.unitCode(), f.formerUnitCode(), Texts.nfc(f.title()), f.kind(), f.field(), f.level(),
                f.owner() == null ? null : new RegistrationForm.Owner(f.owner().type(), Texts.nfc(f.owner().name()),
                        Texts.nfc(f.owner().position()), f.owner().partyMember(), f.owner().organisationId()),
                f.place() == null ? null : new RegistrationForm.Place(Texts.nfc(f.place().hamlet()), f.place().communeCode()),
                Texts.nfc(f.description()), Texts.nfc(f.goals()),
                f.indicators().stream().map(i -> new RegistrationForm.Indicator(Texts.nfc(i.name()), Texts.nfc(i.unitOfMeasure()),
                        i.baseline(), i.target(), i.actual())).toList(),
                f.startDate(), f.endDate(), f.submit());
    }


    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    public String id() {
        return id;
    }

    public String campaignId() {
        return campaignId;
    }

    public String unitCode() {
        return unitCode;
    }

    public List<String> unitPath() {
        return unitPath;
    }

    public FormerUnit formerUnit() {
        return formerUnit;
    }

    /**
     * The unit whose title and quota rules a registration counts under: the unit that registered it — the old one
     * for a record from before 1 July 2025 (its level's initial and code, as old and new codes overlap).
     */
    String registeringUnit() {
        return form.registeringUnit();
    }

    public UnitKind unitKind() {
        return unitKind;
    }

    /** The campaign's year. */
    public int year() {
        return year;
    }

    public RegistrationForm form() {
        return form;
    }

    public String title() {
        return form.title();
    }

    String sortKey() {
        return sortKey;
    }

    public String titleKey() {
        return titleKey;
    }

    public ModelKind kind() {
        return form.kind();
    }

    public Field field() {
        return form.field();
    }

    public Level level() {
        return form.level();
    }

    public RegistrationStatus status() {
        return status;
    }

    public String returnReason() {
        return returnReason;
    }

    public List<Transition> history() {
        return List.copyOf(history);
    }

    public List<Progress.Report> progressReports() {
        return List.copyOf(progressReports);
    }

    public List<Progress.Replication> replications() {
        return List.copyOf(replications);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Long version() {
        return version;
    }
}
