package vn.dvk.evaluation.round;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.dvk.evaluation.EvaluationTopic;
import vn.dvk.evaluation.dossier.Dossier;
import vn.dvk.evaluation.dossier.Dossiers;
import vn.dvk.evaluation.rubric.CriteriaSet;
import vn.dvk.evaluation.rubric.ModelKind;
import vn.dvk.evaluation.rubric.Rubrics;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.Outbox;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.unit.KnownUnits;

/**
 * Review rounds and the work in them: planning and opening (which admits the eligible models), assigning reviewers
 * with the conflict rules, scorecards, deliberation within the commendation cap, and issuing decisions. Every change
 * and its event are saved in one write of one document; several-document steps are ordered so that a crash part-way
 * leaves nothing a retry of the same request does not complete.
 */
@Service
public class Rounds {

    private static final int RETRIES = 5;

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Dossiers dossiers;
    private final Rubrics rubrics;
    private final UnitAccess access;
    private final Clock clock;

    Rounds(MongoTemplate mongo, Outbox outbox, Dossiers dossiers, Rubrics rubrics, UnitAccess access, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.dossiers = dossiers;
        this.rubrics = rubrics;
        this.access = access;
        this.clock = clock;
    }

    ReviewRound draft(RoundForm form, String by) {
        List<String> path = KnownUnits.pathOf(form.unitCode());
        checkRubrics(form);
        return mongo.save(ReviewRound.draft(Ids.newId(), form, path, by, clock.instant()));
    }

    ReviewRound revise(ReviewRound round, RoundForm form) {
        checkRubrics(form);
        round.revise(form);
        return mongo.save(round);
    }

    /**
     * The rubrics named must exist, be the caller's to use, be of their kind and belong to the campaign. Opening the
     * round fixes them (no revision after), which is a change only their own unit, or one above it, may make: another
     * unit's rubric answers exactly as one that does not exist.
     */
    private void checkRubrics(RoundForm form) {
        form.criteriaSets().forEach((kind, id) -> {
            CriteriaSet set = usable(id);
            if (set.kind() != kind || !set.campaignId().equals(form.campaignId())) {
                throw DomainException.unprocessable("round-criteria-set-mismatch", id, kind);
            }
        });
    }

    /**
     * Seats the panel. A member comes from a unit of the caller's line — inside the caller's unit or above it (the
     * province's steering committee on a ward's round) —, never from a unit beside it, whose people are not the
     * caller's to put to work: such a unit is refused as outside the caller's scope. A member already seated (by a
     * coordinator above) stays seated as they are.
     */
    ReviewRound seat(ReviewRound round, List<PanelMember> members) {
        members.forEach(m -> KnownUnits.pathOf(m.unitCode()));
        List<String> line = access.callerPath();
        members.stream().filter(m -> !line.contains(m.unitCode()))
                .filter(m -> round.panel().stream().noneMatch(seated -> seated.username().equals(m.username())
                        && seated.unitCode().equals(m.unitCode())))
                .map(PanelMember::unitCode).distinct()
                .forEach(unit -> access.requireCovers(unit, "round/" + round.id() + "/panel"));
        Set<String> withWork = new HashSet<>();
        if (round.status() != ReviewRound.Status.DRAFT) {
            modelsOf(round.id()).forEach(m -> m.assignments().forEach(a -> withWork.add(a.reviewer())));
        }
        round.seat(members, withWork);
        return mongo.save(round);
    }

    /**
     * Opens the round: admits the campaign's models approved at its level inside its unit, and the exemplary models
     * sent up from rounds of the levels below; fixes its rubrics. The models are stored before the round says it is
     * open, and only those missing are stored, so opening again after a crash finishes the job.
     */
    ReviewRound open(ReviewRound round, String by) {
        round.requireOpenable();
        Map<ModelKind, CriteriaSet> sets = rubricsOf(round);
        List<RoundModel> admitted = new ArrayList<>();
        for (Dossier d : dossiers.approvedIn(round.campaignId(), round.level().name())) {
            ModelKind kind = ModelKind.valueOf(d.kind());
            if (d.unitPath().contains(round.unitCode()) && sets.containsKey(kind)) {
                admitted.add(RoundModel.admit(round, d.registrationId(), d.unitCode(), d.unitPath(), d.title(), kind,
                        d.field(), null));
            }
        }
        for (RoundModel below : sentUpTo(round)) {
            if (sets.containsKey(below.kind())) {
                admitted.add(RoundModel.admit(round, below.registrationId(), below.unitCode(), below.unitPath(),
                        below.title(), below.kind(), below.field(), below.roundId()));
            }
        }
        Set<String> stored = new HashSet<>(modelsOf(round.id()).stream().map(RoundModel::id).toList());
        List<RoundModel> missing = admitted.stream().filter(m -> !stored.contains(m.id())).toList();
        if (!missing.isEmpty()) {
            mongo.insert(missing, RoundModel.class);
        }
        sets.values().forEach(rubrics::fix);
        ReviewRound.Opened opened = round.open(admitted.size(), by, clock.instant());
        outbox.append(round, EvaluationTopic.NAME, ReviewRound.OPENED, round.id(), opened);
        return mongo.save(round);
    }

    ReviewRound close(ReviewRound round, String by) {
        ReviewRound.Closed closed = round.close(by, clock.instant());
        outbox.append(round, EvaluationTopic.NAME, ReviewRound.CLOSED, round.id(), closed);
        return mongo.save(round);
    }

    /**
     * Sends an exemplary model on to the open round of the next level above of its campaign, when there is one
     * holding its unit (a round opening later finds it by itself). Admitting it twice changes nothing.
     */
    private void sendUp(RoundModel model) {
        if (!model.sentUp()) {
            return;
        }
        mongo.find(new Query(Criteria.where("campaignId").is(model.campaignId()).and("status")
                .is(ReviewRound.Status.OPEN)), ReviewRound.class).stream()
                .filter(r -> r.level().ordinal() > model.level().ordinal() && model.unitPath().contains(r.unitCode()))
                .min(Comparator.comparing(ReviewRound::level))
                .filter(above -> mongo.findById(RoundModel.idOf(above.id(), model.registrationId()),
                        RoundModel.class) == null)
                .ifPresent(above -> {
                    mongo.insert(RoundModel.admit(above, model.registrationId(), model.unitCode(), model.unitPath(),
                            model.title(), model.kind(), model.field(), model.roundId()));
                    changeRound(above.id(), ReviewRound::admitted);
                });
    }

    /** Exemplary models of lower-level rounds of the campaign, inside this round's unit, that were sent up. */
    private List<RoundModel> sentUpTo(ReviewRound round) {
        return mongo.find(new Query(Criteria.where("campaignId").is(round.campaignId())
                .and("deliberation.sendUp").is(true).and("outcome").ne(null)), RoundModel.class).stream()
                .filter(m -> m.level().ordinal() < round.level().ordinal())
                .filter(RoundModel::sentUp)
                .filter(m -> m.unitPath().contains(round.unitCode()))
                .toList();
    }

    /** What an assignment request did: how many assignments are new, and the pairs refused with why. */
    record AssignmentResult(int assigned, List<Skipped> skipped) {

        record Skipped(String registrationId, String reviewer, String reason) {
        }
    }

    /** Assigns each reviewer to each model chosen; pairs the rules refuse are listed, the others assigned. */
    AssignmentResult assign(ReviewRound round, List<String> reviewers, List<RoundModel> chosen, String by) {
        round.requireOpen();
        List<PanelMember> members = reviewers.stream().map(u -> round.member(u)
                .orElseThrow(() -> DomainException.unprocessable("assignment-not-panel", u))).toList();
        int assigned = 0;
        List<AssignmentResult.Skipped> skipped = new ArrayList<>();
        for (RoundModel model : chosen) {
            for (PanelMember member : members) {
                Optional<String> refusal = model.refusal(member);
                if (refusal.isPresent()) {
                    skipped.add(new AssignmentResult.Skipped(model.registrationId(), member.username(),
                            refusal.get()));
                } else if (assignOne(round, model.id(), member, by)) {
                    assigned++;
                }
            }
        }
        return new AssignmentResult(assigned, skipped);
    }

    /**
     * Gives every model its minimum number of reviewers: each place goes to the panel member with the lightest load
     * who may review it (not of the model's unit, no conflict declared), ties by name, so the result is the same
     * every time.
     */
    AssignmentResult autoAssign(ReviewRound round, String by) {
        round.requireOpen();
        List<RoundModel> models = new ArrayList<>(modelsOf(round.id()));
        models.sort(Comparator.comparing(RoundModel::registrationId));
        Map<String, Integer> load = new HashMap<>();
        round.panel().forEach(m -> load.put(m.username(), 0));
        models.forEach(m -> m.assignments().forEach(a -> load.merge(a.reviewer(), 1, Integer::sum)));
        int assigned = 0;
        List<AssignmentResult.Skipped> skipped = new ArrayList<>();
        for (RoundModel model : models) {
            int needed = round.minReviews() - model.assignments().size();
            List<PanelMember> candidates = round.panel().stream()
                    .filter(m -> !model.assignedTo(m.username()) && model.refusal(m).isEmpty())
                    .sorted(Comparator.comparing((PanelMember m) -> load.get(m.username()))
                            .thenComparing(PanelMember::username))
                    .toList();
            for (PanelMember member : candidates.subList(0, Math.max(0, Math.min(needed, candidates.size())))) {
                if (assignOne(round, model.id(), member, by)) {
                    load.merge(member.username(), 1, Integer::sum);
                    assigned++;
                }
            }
            if (needed > candidates.size()) {
                skipped.add(new AssignmentResult.Skipped(model.registrationId(), null, "assignment-panel-exhausted"));
            }
        }
        return new AssignmentResult(assigned, skipped);
    }

    private boolean assignOne(ReviewRound round, String modelId, PanelMember member, String by) {
        boolean[] added = {false};
        changeModel(modelId, model -> added[0] = model.assign(member, round.closes().toString(), by,
                clock.instant()).map(event -> append(model, RoundModel.ASSIGNED, event)).isPresent());
        return added[0];
    }

    RoundModel declareConflict(RoundModel model, String reviewer, String reason) {
        return changeModel(model.id(), m -> m.declareConflict(reviewer, reason, clock.instant())
                .ifPresent(event -> append(m, RoundModel.CONFLICT_DECLARED, event)));
    }

    RoundModel saveDraft(ReviewRound round, RoundModel model, String reviewer, Map<String, BigDecimal> scores,
            String comment, String privateNote) {
        round.requireOpen();
        CriteriaSet rubric = rubricFor(round, model);
        return changeModel(model.id(), m -> m.saveDraft(reviewer, rubric, scores, comment, privateNote,
                clock.instant()));
    }

    RoundModel submit(ReviewRound round, RoundModel model, String reviewer) {
        round.requireOpen();
        CriteriaSet rubric = rubricFor(round, model);
        return changeModel(model.id(), m -> append(m, RoundModel.SCORECARD_SUBMITTED,
                m.submit(reviewer, rubric, clock.instant())));
    }

    RoundModel abstain(ReviewRound round, RoundModel model, String reviewer, String reason) {
        round.requireOpen();
        return changeModel(model.id(), m -> append(m, RoundModel.SCORECARD_SUBMITTED,
                m.abstain(reviewer, reason, clock.instant())));
    }

    /**
     * Records the deliberation. A commendation place is taken on the round before the model says it commends, and
     * given back after the model says it no longer does, so the cap holds whatever fails in between.
     */
    RoundModel deliberate(ReviewRound round, RoundModel model, DeliberationForm form, String by) {
        RoundModel.Deliberation deliberation = new RoundModel.Deliberation(form.votesFor(), form.votesAgainst(),
                form.votesAbstained(), form.tier(), form.commendation() == null ? null
                        : new RoundModel.Commendation(form.commendation().kind(), form.commendation().body()),
                Boolean.TRUE.equals(form.sendUp()), form.note(), by, clock.instant());
        if (round.status() == ReviewRound.Status.DRAFT) {
            throw DomainException.conflict("round-wrong-status", round.status());
        }
        boolean commends = deliberation.tier().commends();
        if (commends) {
            changeRound(round.id(), r -> r.placeCommendation(model.registrationId(), true));
        }
        RoundModel saved = changeModel(model.id(), m -> append(m, RoundModel.DELIBERATED,
                m.deliberate(deliberation)));
        if (!commends) {
            changeRound(round.id(), r -> r.placeCommendation(model.registrationId(), false));
        }
        return saved;
    }

    /**
     * Issues every pending deliberation of the round under one decision: each model's outcome and its event first,
     * then the decision on the round. Issuing the same decision number again completes what a crash left undone.
     */
    ReviewRound issue(ReviewRound round, DecisionForm form, String by) {
        if (round.status() == ReviewRound.Status.DRAFT) {
            throw DomainException.conflict("round-wrong-status", round.status());
        }
        Instant now = clock.instant();
        ReviewRound.Decision decision = new ReviewRound.Decision(form.number().strip(), form.date(),
                form.signer(), form.issuingBody(), 0, by, now);
        if (round.decisions().stream().anyMatch(d -> d.number().equals(decision.number()))) {
            throw DomainException.conflict("decision-number-used", decision.number());
        }
        int issued = 0;
        for (RoundModel model : modelsOf(round.id())) {
            if (model.deliberation() != null && (model.outcome() == null
                    || model.outcome().decisionNumber().equals(decision.number()))) {
                RoundModel decided = changeModel(model.id(), m -> m.issue(decision)
                        .ifPresent(e -> append(m, RoundModel.OUTCOME_ISSUED, e)));
                sendUp(decided);
                issued++;
            }
        }
        if (issued == 0) {
            throw DomainException.unprocessable("decision-nothing-pending");
        }
        ReviewRound.Decision recorded = new ReviewRound.Decision(decision.number(), decision.date(),
                decision.signer(), decision.issuingBody(), issued, by, now);
        return changeRound(round.id(), r -> r.recordDecision(recorded)
                .ifPresent(e -> outbox.append(r, EvaluationTopic.NAME, ReviewRound.DECISION_ISSUED, r.id(), e)));
    }

    Optional<ReviewRound> find(String id) {
        return Optional.ofNullable(mongo.findById(id, ReviewRound.class));
    }

    Optional<RoundModel> model(String roundId, String registrationId) {
        return Optional.ofNullable(mongo.findById(RoundModel.idOf(roundId, registrationId), RoundModel.class));
    }

    List<RoundModel> modelsOf(String roundId) {
        return mongo.find(new Query(Criteria.where("roundId").is(roundId)), RoundModel.class);
    }

    /**
     * The models of a campaign inside {@code scope} with an issued outcome of at least recognised, in every round
     * (a model recognised at the commune and again at the province appears twice).
     */
    public List<RoundModel> recognisedIn(String campaignId, String scope) {
        List<String> tiers = java.util.Arrays.stream(Tier.values()).filter(t -> t != Tier.NOT_RECOGNISED)
                .map(Tier::name).toList();
        return mongo.find(new Query(Criteria.where("campaignId").is(campaignId).and("unitPath").is(scope)
                .and("outcome.tier").in(tiers)), RoundModel.class);
    }

    List<ReviewRound> roundsOf(String scope, String campaignId) {
        Criteria criteria = Criteria.where("unitPath").is(scope);
        if (campaignId != null) {
            criteria = criteria.and("campaignId").is(campaignId);
        }
        return mongo.find(new Query(criteria), ReviewRound.class);
    }

    /** The round's rubrics as it opens (and fixes them): checked again, as {@link #checkRubrics} does. */
    private Map<ModelKind, CriteriaSet> rubricsOf(ReviewRound round) {
        Map<ModelKind, CriteriaSet> sets = new HashMap<>();
        round.criteriaSets().forEach((kind, id) -> sets.put(kind, usable(id)));
        return sets;
    }

    /** A rubric the caller may use in a round: of their unit or below it; otherwise as missing (422). */
    private CriteriaSet usable(String id) {
        return access.visible(rubrics.find(id), CriteriaSet::unitCode, "criteria-set/" + id,
                () -> DomainException.unprocessable("criteria-set-not-found", id));
    }

    private CriteriaSet rubricFor(ReviewRound round, RoundModel model) {
        String id = round.criteriaSets().get(model.kind());
        return rubrics.find(id).orElseThrow(() -> DomainException.unprocessable("criteria-set-not-found", id));
    }

    private <E> E append(RoundModel model, String type, E event) {
        outbox.append(model, EvaluationTopic.NAME, type, model.registrationId(), event);
        return event;
    }

    /** Changes one model; see {@link #saveFresh}. */
    private RoundModel changeModel(String id, Consumer<RoundModel> change) {
        return saveFresh(RoundModel.class, id, "round-model-not-found", change);
    }

    private ReviewRound changeRound(String id, Consumer<ReviewRound> change) {
        return saveFresh(ReviewRound.class, id, "round-not-found", change);
    }

    /**
     * Reads the aggregate, changes it and saves it; when another writer saved it in between (its version moved),
     * reads it again and repeats, so reviewers of one model never block or lose each other's work. Events appended
     * to a copy that lost the race are dropped with it.
     */
    private <A> A saveFresh(Class<A> type, String id, String notFound, Consumer<A> change) {
        for (int attempt = 1; ; attempt++) {
            A current = mongo.findById(id, type);
            if (current == null) {
                throw DomainException.notFound(notFound, id);
            }
            change.accept(current);
            try {
                return mongo.save(current);
            } catch (OptimisticLockingFailureException e) {
                if (attempt == RETRIES) {
                    throw e;
                }
            }
        }
    }
}
