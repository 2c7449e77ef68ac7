package vn.dvk.evaluation.round;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.evaluation.rubric.CriteriaSet;
import vn.dvk.evaluation.rubric.ModelKind;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;

/**
 * One model in one round: who reviews it, the conflicts declared, every reviewer's scorecard, the panel's
 * deliberation and — once a decision is issued — its outcome. One document, so that each of these changes and its
 * event are saved together; reviewers writing at once race on its version and the loser retries.
 */
@Document("round_models")
public class RoundModel implements HasOutbox {

    static final String ASSIGNED = "vn.dvk.evaluation.reviewer-assigned.v1";
    static final String SCORECARD_SUBMITTED = "vn.dvk.evaluation.scorecard-submitted.v1";
    static final String CONFLICT_DECLARED = "vn.dvk.evaluation.conflict-declared.v1";
    static final String DELIBERATED = "vn.dvk.evaluation.deliberated.v1";
    static final String OUTCOME_ISSUED = "vn.dvk.evaluation.outcome-issued.v1";
    /** Reviewers' totals further apart than this (out of 100) are flagged for the panel's attention. */
    static final BigDecimal WIDE_DISAGREEMENT = BigDecimal.valueOf(20);

    public record Assignment(String reviewer, String reviewerUnit, String by, Instant at) {
    }

    public record Conflict(String reviewer, String reason, Instant at) {
    }

    public enum CardStatus { DRAFT, SUBMITTED, ABSTAINED }

    /** A reviewer's scorecard; the private note is shown to its author only. */
    public record Scorecard(String reviewer, Map<String, BigDecimal> scores, String comment, String privateNote,
            CardStatus status, String abstainReason, BigDecimal total, Instant savedAt, Instant submittedAt) {

        boolean done() {
            return status != CardStatus.DRAFT;
        }
    }

    /** The proposed commendation: giấy khen or bằng khen, and the proposing (or awarding) body. */
    public record Commendation(String kind, String body) {
    }

    /** The panel's deliberation (bình xét): the vote, and the tier it leads to, pending until a decision issues it. */
    public record Deliberation(int votesFor, int votesAgainst, int votesAbstained, Tier tier,
            Commendation commendation, boolean sendUp, String note, String by, Instant at) {
    }

    /** The issued outcome: the deliberated tier under a decision. */
    public record Outcome(Tier tier, Commendation commendation, String decisionNumber, java.time.LocalDate decisionDate,
            String signer, String issuingBody, Instant issuedAt) {
    }

    @Id
    private final String id;
    private final String roundId;
    private final String registrationId;
    private final String campaignId;
    private final String unitCode;
    private final List<String> unitPath;
    private final String title;
    private final ModelKind kind;
    private final String field;
    private final Level level;
    /** The round this model was sent up from, for an exemplary model of the level below. */
    private final String sentUpFrom;
    private final List<Assignment> assignments;
    private final List<Conflict> conflicts;
    private final List<Scorecard> scorecards;
    private Deliberation deliberation;
    private Outcome outcome;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    RoundModel(String id, String roundId, String registrationId, String campaignId, String unitCode,
            List<String> unitPath, String title, ModelKind kind, String field, Level level, String sentUpFrom,
            List<Assignment> assignments, List<Conflict> conflicts, List<Scorecard> scorecards,
            Deliberation deliberation, Outcome outcome, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.roundId = roundId;
        this.registrationId = registrationId;
        this.campaignId = campaignId;
        this.unitCode = unitCode;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.title = title;
        this.kind = kind;
        this.field = field;
        this.level = level;
        this.sentUpFrom = sentUpFrom;
        this.assignments = assignments == null ? new ArrayList<>() : new ArrayList<>(assignments);
        this.conflicts = conflicts == null ? new ArrayList<>() : new ArrayList<>(conflicts);
        this.scorecards = scorecards == null ? new ArrayList<>() : new ArrayList<>(scorecards);
        this.deliberation = deliberation;
        this.outcome = outcome;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    static String idOf(String roundId, String registrationId) {
        return roundId + "/" + registrationId;
    }

    static RoundModel admit(ReviewRound round, String registrationId, String unitCode, List<String> unitPath,
            String title, ModelKind kind, String field, String sentUpFrom) {
        return new RoundModel(idOf(round.id(), registrationId), round.id(), registrationId, round.campaignId(),
                unitCode, unitPath, title, kind, field, round.level(), sentUpFrom, null, null, null, null, null, null,
                null);
    }

    /** Why {@code member} may not review this model, if they may not. */
    Optional<String> refusal(PanelMember member) {
        if (member.unitCode().equals(unitCode)) {
            return Optional.of("assignment-own-unit");
        }
        if (conflicts.stream().anyMatch(c -> c.reviewer().equals(member.username()))) {
            return Optional.of("assignment-conflict-declared");
        }
        return Optional.empty();
    }

    /** Assigns a panel member; assigning twice changes nothing. */
    Optional<Assigned> assign(PanelMember member, String closes, String by, Instant at) {
        refusal(member).ifPresent(code -> {
            throw DomainException.conflict(code, member.username(), title);
        });
        if (assignedTo(member.username())) {
            return Optional.empty();
        }
        assignments.add(new Assignment(member.username(), member.unitCode(), by, at));
        return Optional.of(new Assigned(roundId, registrationId, unitCode, title, member.username(),
                member.unitCode(), closes, at));
    }

    /**
     * A reviewer declares a conflict of interest: they are taken off the model, their draft dropped. Declaring it
     * again changes nothing (and tells nobody).
     */
    Optional<ConflictDeclared> declareConflict(String reviewer, String reason, Instant at) {
        if (scorecardOf(reviewer).filter(Scorecard::done).isPresent()) {
            throw DomainException.conflict("conflict-after-submission");
        }
        if (conflicts.stream().anyMatch(c -> c.reviewer().equals(reviewer))) {
            return Optional.empty();
        }
        conflicts.add(new Conflict(reviewer, Texts.nfc(reason), at));
        boolean wasAssigned = assignments.removeIf(a -> a.reviewer().equals(reviewer));
        scorecards.removeIf(s -> s.reviewer().equals(reviewer));
        return Optional.of(new ConflictDeclared(roundId, registrationId, unitCode, reviewer, wasAssigned, at));
    }

    /** Saves a reviewer's draft scores, checked against the rubric but not yet complete. */
    void saveDraft(String reviewer, CriteriaSet rubric, Map<String, BigDecimal> scores, String comment,
            String privateNote, Instant at) {
        requireAssigned(reviewer);
        requireNotDone(reviewer);
        rubric.check(scores, false);
        put(new Scorecard(reviewer, new LinkedHashMap<>(scores), Texts.nfc(comment), Texts.nfc(privateNote), CardStatus.DRAFT,
                null, null, at, null));
    }

    /** Submits the reviewer's scorecard: every required criterion scored; the total is computed here. */
    ScorecardSubmitted submit(String reviewer, CriteriaSet rubric, Instant at) {
        requireAssigned(reviewer);
        requireNotDone(reviewer);
        Scorecard draft = scorecardOf(reviewer).orElseThrow(() -> DomainException.unprocessable("scorecard-empty"));
        rubric.check(draft.scores(), true);
        BigDecimal total = rubric.total(draft.scores());
        put(new Scorecard(reviewer, draft.scores(), draft.comment(), draft.privateNote(), CardStatus.SUBMITTED, null,
                total, draft.savedAt(), at));
        return new ScorecardSubmitted(roundId, registrationId, unitCode, reviewer, false, total, at);
    }

    /** The reviewer abstains, with a reason: it counts as done, without a score. */
    ScorecardSubmitted abstain(String reviewer, String reason, Instant at) {
        requireAssigned(reviewer);
        requireNotDone(reviewer);
        Scorecard draft = scorecardOf(reviewer).orElse(null);
        put(new Scorecard(reviewer, draft == null ? Map.of() : draft.scores(), draft == null ? null : draft.comment(),
                draft == null ? null : draft.privateNote(), CardStatus.ABSTAINED, Texts.nfc(reason), null,
                at, at));
        return new ScorecardSubmitted(roundId, registrationId, unitCode, reviewer, true, null, at);
    }

    /** Records (or re-records, until a decision issues it) the panel's deliberation. */
    Deliberated deliberate(Deliberation next) {
        if (outcome != null) {
            throw DomainException.conflict("deliberation-already-issued", outcome.decisionNumber());
        }
        if (next.tier().commends() && next.commendation() == null) {
            throw DomainException.unprocessable("deliberation-commendation-missing");
        }
        Deliberation kept = next.tier().commends() ? next : new Deliberation(next.votesFor(), next.votesAgainst(),
                next.votesAbstained(), next.tier(), null, next.sendUp(), next.note(), next.by(), next.at());
        this.deliberation = kept;
        return new Deliberated(roundId, registrationId, campaignId, unitCode, level, kept.tier(), kept.votesFor(),
                kept.votesAgainst(), kept.votesAbstained(), kept.commendation(), kept.sendUp(), kept.at());
    }

    /** Issues the pending deliberation under a decision; a model already issued by it is left alone. */
    Optional<OutcomeIssued> issue(ReviewRound.Decision decision) {
        if (deliberation == null || outcome != null) {
            return Optional.empty();
        }
        this.outcome = new Outcome(deliberation.tier(), deliberation.commendation(), decision.number(),
                decision.date(), decision.signer(), decision.issuingBody(), decision.issuedAt());
        return Optional.of(new OutcomeIssued(registrationId, campaignId, roundId, level, outcome.tier(),
                outcome.commendation(), new OutcomeIssued.DecisionRef(decision.number(), decision.date(),
                        decision.signer(), decision.issuingBody()), decision.issuedAt()));
    }

    /** Whether its issued outcome sends it on to the next level's round: exemplary or better, and so deliberated. */
    boolean sentUp() {
        return deliberation != null && deliberation.sendUp() && outcome != null
                && outcome.tier().ordinal() >= Tier.EXEMPLARY.ordinal();
    }

    boolean assignedTo(String reviewer) {
        return assignments.stream().anyMatch(a -> a.reviewer().equals(reviewer));
    }

    Optional<Scorecard> scorecardOf(String reviewer) {
        return scorecards.stream().filter(s -> s.reviewer().equals(reviewer)).findFirst();
    }

    /** The totals of the submitted scorecards. */
    List<BigDecimal> totals() {
        return scorecards.stream().filter(s -> s.status() == CardStatus.SUBMITTED).map(Scorecard::total)
                .sorted().toList();
    }

    Optional<BigDecimal> mean() {
        List<BigDecimal> totals = totals();
        return totals.isEmpty() ? Optional.empty() : Optional.of(totals.stream().reduce(BigDecimal.ZERO,
                BigDecimal::add).divide(BigDecimal.valueOf(totals.size()), 2, RoundingMode.HALF_UP));
    }

    Optional<BigDecimal> median() {
        List<BigDecimal> totals = totals();
        int n = totals.size();
        if (n == 0) {
            return Optional.empty();
        }
        return Optional.of(n % 2 == 1 ? totals.get(n / 2)
                : totals.get(n / 2 - 1).add(totals.get(n / 2)).divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP));
    }

    /** Whether the reviewers' totals lie more than {@link #WIDE_DISAGREEMENT} apart. */
    boolean disagreement() {
        List<BigDecimal> totals = totals();
        return totals.size() > 1
                && totals.get(totals.size() - 1).subtract(totals.get(0)).compareTo(WIDE_DISAGREEMENT) > 0;
    }

    /** Scorecards submitted or abstained. */
    int reviewsDone() {
        return (int) scorecards.stream().filter(Scorecard::done).count();
    }

    private void put(Scorecard card) {
        scorecards.removeIf(s -> s.reviewer().equals(card.reviewer()));
        scorecards.add(card);
        scorecards.sort(Comparator.comparing(Scorecard::reviewer));
    }

    private void requireAssigned(String reviewer) {
        if (!assignedTo(reviewer)) {
            throw DomainException.conflict("scorecard-not-assigned", title);
        }
    }

    private void requireNotDone(String reviewer) {
        if (scorecardOf(reviewer).filter(Scorecard::done).isPresent()) {
            throw DomainException.conflict("scorecard-already-submitted");
        }
    }


    /** What {@value #ASSIGNED} carries: who reviews which model, and by when. */
    record Assigned(String roundId, String registrationId, String unitCode, String title, String reviewer,
            String reviewerUnitCode, String closes, Instant at) {
    }

    /** What {@value #CONFLICT_DECLARED} carries: who no longer reviews which model; not the reason. */
    record ConflictDeclared(String roundId, String registrationId, String unitCode, String reviewer,
            boolean wasAssigned, Instant at) {
    }

    /** What {@value #SCORECARD_SUBMITTED} carries; no scores by criterion, no notes. */
    record ScorecardSubmitted(String roundId, String registrationId, String unitCode, String reviewer,
            boolean abstained, BigDecimal total, Instant at) {
    }

    /** What {@value #DELIBERATED} carries. */
    record Deliberated(String roundId, String registrationId, String campaignId, String unitCode, Level level,
            Tier tier, int votesFor, int votesAgainst, int votesAbstained, Commendation commendation, boolean sendUp,
            Instant at) {
    }

    /** What {@value #OUTCOME_ISSUED} carries (the contract registration-service reads). */
    record OutcomeIssued(String registrationId, String campaignId, String roundId, Level level, Tier tier,
            Commendation commendation, DecisionRef decision, Instant issuedAt) {

        record DecisionRef(String number, java.time.LocalDate date, String signer, String issuingBody) {
        }
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    public String id() {
        return id;
    }

    public String roundId() {
        return roundId;
    }

    public String registrationId() {
        return registrationId;
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

    public String title() {
        return title;
    }

    public ModelKind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public Level level() {
        return level;
    }

    public String sentUpFrom() {
        return sentUpFrom;
    }

    public List<Assignment> assignments() {
        return List.copyOf(assignments);
    }

    public List<Conflict> conflicts() {
        return List.copyOf(conflicts);
    }

    public List<Scorecard> scorecards() {
        return List.copyOf(scorecards);
    }

    public Deliberation deliberation() {
        return deliberation;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Long version() {
        return version;
    }
}
