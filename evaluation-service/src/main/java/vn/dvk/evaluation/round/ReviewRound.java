package vn.dvk.evaluation.round;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.evaluation.rubric.ModelKind;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;

/**
 * A review round of a campaign at one level, run by the coordinators of its unit: its plan and panel, where it
 * stands (draft → open → closed), the commendation places taken when it caps them, and the decisions issued.
 * The models it reviews are {@link RoundModel}s of their own.
 */
@Document("review_rounds")
public class ReviewRound implements HasOutbox {

    static final String OPENED = "vn.dvk.evaluation.round-opened.v1";
    static final String DECISION_ISSUED = "vn.dvk.evaluation.decision-issued.v1";
    static final String CLOSED = "vn.dvk.evaluation.round-closed.v1";

    public enum Status { DRAFT, OPEN, CLOSED }

    /** A batch decision (quyết định) issuing the pending outcomes. */
    public record Decision(String number, LocalDate date, String signer, String issuingBody, int outcomes,
            String by, Instant issuedAt) {
    }

    /** One transition of the round's life. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "RoundTransition")
    public record Transition(Status status, String by, Instant at) {
    }

    @Id
    private final String id;
    private final String campaignId;
    private final String unitCode;
    private final List<String> unitPath;
    private final Level level;
    private String title;
    private LocalDate opens;
    private LocalDate closes;
    private Map<ModelKind, String> criteriaSets;
    private int minReviews;
    private Integer commendationCap;
    private boolean blind;
    private List<PanelMember> panel;
    private Status status;
    /** The models holding a commendation place (proposed for commendation or commended). */
    private final List<String> commendations;
    private final List<Decision> decisions;
    private final List<Transition> history;
    private int models;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    ReviewRound(String id, String campaignId, String unitCode, List<String> unitPath, Level level, String title,
            LocalDate opens, LocalDate closes, Map<ModelKind, String> criteriaSets, int minReviews,
            Integer commendationCap, boolean blind, List<PanelMember> panel, Status status,
            List<String> commendations, List<Decision> decisions, List<Transition> history, int models,
            Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.campaignId = campaignId;
        this.unitCode = unitCode;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.level = level;
        this.title = title;
        this.opens = opens;
        this.closes = closes;
        this.criteriaSets = criteriaSets == null ? Map.of() : Map.copyOf(criteriaSets);
        this.minReviews = minReviews;
        this.commendationCap = commendationCap;
        this.blind = blind;
        this.panel = panel == null ? List.of() : List.copyOf(panel);
        this.status = status;
        this.commendations = commendations == null ? new ArrayList<>() : new ArrayList<>(commendations);
        this.decisions = decisions == null ? new ArrayList<>() : new ArrayList<>(decisions);
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
        this.models = models;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    static ReviewRound draft(String id, RoundForm form, List<String> unitPath, String by, Instant at) {
        ReviewRound round = new ReviewRound(id, form.campaignId(), form.unitCode(), unitPath, form.level(), null,
                null, null, null, 0, null, true, null, Status.DRAFT, null, null, null, 0, null, null);
        round.plan(form);
        round.history.add(new Transition(Status.DRAFT, by, at));
        return round;
    }

    /** Replaces the plan of a draft; campaign, unit and level stay. */
    void revise(RoundForm form) {
        require(Status.DRAFT);
        if (!form.campaignId().equals(campaignId) || !form.unitCode().equals(unitCode) || form.level() != level) {
            throw DomainException.unprocessable("round-identity-fixed");
        }
        plan(form);
    }

    private void plan(RoundForm form) {
        if (form.closes().isBefore(form.opens())) {
            throw DomainException.unprocessable("round-dates-reversed", form.opens(), form.closes());
        }
        this.title = Texts.nfc(form.title());
        this.opens = form.opens();
        this.closes = form.closes();
        this.criteriaSets = new EnumMap<>(form.criteriaSets());
        this.minReviews = form.minReviews();
        this.commendationCap = form.commendationCap();
        this.blind = form.blindOrDefault();
    }

    /** Sets the panel; while the round is open a member with assignments stays (their scorecards are kept). */
    void seat(List<PanelMember> members, java.util.Set<String> reviewersWithWork) {
        require(Status.DRAFT, Status.OPEN);
        if (new HashSet<>(members.stream().map(PanelMember::username).toList()).size() != members.size()) {
            throw DomainException.unprocessable("panel-member-repeated");
        }
        List<String> dropped = panel.stream().map(PanelMember::username)
                .filter(u -> reviewersWithWork.contains(u) && members.stream().noneMatch(m -> m.username().equals(u)))
                .toList();
        if (!dropped.isEmpty()) {
            throw DomainException.conflict("panel-member-has-assignments", String.join(", ", dropped));
        }
        this.panel = List.copyOf(members);
    }

    /** A draft whose panel can give every model its minimum of reviewers; checked before anything is admitted. */
    void requireOpenable() {
        require(Status.DRAFT);
        if (panel.size() < minReviews) {
            throw DomainException.unprocessable("round-panel-too-small", panel.size(), minReviews);
        }
    }

    Opened open(int modelCount, String by, Instant at) {
        requireOpenable();
        this.status = Status.OPEN;
        this.models = modelCount;
        history.add(new Transition(Status.OPEN, by, at));
        return new Opened(id, campaignId, unitCode, level, title, opens, closes, minReviews, modelCount,
                panel.stream().map(PanelMember::username).toList(), at);
    }

    Closed close(String by, Instant at) {
        require(Status.OPEN);
        this.status = Status.CLOSED;
        history.add(new Transition(Status.CLOSED, by, at));
        return new Closed(id, campaignId, unitCode, level, at);
    }

    /** A model sent up from the level below after the round opened joins it. */
    void admitted() {
        models++;
    }

    /**
     * Takes a commendation place for a model, or gives one back, within the cap. The round's version makes
     * concurrent deliberations race safely: the loser saves against a stale version and is refused.
     */
    void placeCommendation(String registrationId, boolean commends) {
        if (!commends) {
            commendations.remove(registrationId);
            return;
        }
        if (commendations.contains(registrationId)) {
            return;
        }
        if (commendationCap != null && commendations.size() >= commendationCap) {
            throw DomainException.conflict("deliberation-commendations-full", commendationCap);
        }
        commendations.add(registrationId);
    }

    /** Records a decision once all its outcomes are issued; a decision number is recorded once. */
    Optional<DecisionIssued> recordDecision(Decision decision) {
        if (decisions.stream().anyMatch(d -> d.number().equals(decision.number()))) {
            return Optional.empty();
        }
        decisions.add(decision);
        return Optional.of(new DecisionIssued(id, campaignId, unitCode, level, decision.number(), decision.date(),
                decision.signer(), decision.issuingBody(), decision.outcomes(), decision.issuedAt()));
    }

    void requireOpen() {
        require(Status.OPEN);
    }

    private void require(Status... allowed) {
        for (Status s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw DomainException.conflict("round-wrong-status", status);
    }

    boolean onPanel(String username) {
        return panel.stream().anyMatch(m -> m.username().equals(username));
    }

    Optional<PanelMember> member(String username) {
        return panel.stream().filter(m -> m.username().equals(username)).findFirst();
    }

    /** What {@value #OPENED} carries: the deadline others schedule on, and who reviews. */
    record Opened(String roundId, String campaignId, String unitCode, Level level, String title, LocalDate opens,
            LocalDate closes, int minReviews, int models, List<String> reviewers, Instant at) {
    }

    /** What {@value #CLOSED} carries: no more scoring; reminders about it stop. */
    record Closed(String roundId, String campaignId, String unitCode, Level level, Instant at) {
    }

    /** What {@value #DECISION_ISSUED} carries. */
    record DecisionIssued(String roundId, String campaignId, String unitCode, Level level, String number,
            LocalDate date, String signer, String issuingBody, int outcomes, Instant at) {
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

    public Level level() {
        return level;
    }

    public String title() {
        return title;
    }

    public LocalDate opens() {
        return opens;
    }

    public LocalDate closes() {
        return closes;
    }

    public Map<ModelKind, String> criteriaSets() {
        return criteriaSets;
    }

    public int minReviews() {
        return minReviews;
    }

    public Integer commendationCap() {
        return commendationCap;
    }

    public boolean blind() {
        return blind;
    }

    public List<PanelMember> panel() {
        return panel;
    }

    public Status status() {
        return status;
    }

    public List<String> commendations() {
        return List.copyOf(commendations);
    }

    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    public List<Transition> history() {
        return List.copyOf(history);
    }

    public int models() {
        return models;
    }

    public Long version() {
        return version;
    }
}
