package vn.dvk.evaluation.round;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.evaluation.Limits;
import vn.dvk.evaluation.Points;
import vn.dvk.evaluation.rubric.ModelKind;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;

/**
 * Review rounds. The coordinators of a round's unit plan it, seat its panel, open it, assign reviewers, deliberate
 * and issue decisions; the panel's reviewers score the models assigned to them; the round is seen by those whose
 * unit holds the round's, and by its panel.
 */
@RestController
@RequestMapping("/api/evaluation/rounds")
class RoundController {

    private final Rounds rounds;
    private final UnitAccess access;

    RoundController(Rounds rounds, UnitAccess access) {
        this.rounds = rounds;
        this.access = access;
    }

    record RoundView(String id, String campaignId, String unitCode, Level level, String title,
            java.time.LocalDate opens, java.time.LocalDate closes, Map<ModelKind, String> criteriaSets,
            int minReviews, Integer commendationCap, int commendations, boolean blind, List<PanelMember> panel,
            ReviewRound.Status status, int models, List<ReviewRound.Decision> decisions,
            List<ReviewRound.Transition> history, Long version) {

        static RoundView of(ReviewRound r) {
            return new RoundView(r.id(), r.campaignId(), r.unitCode(), r.level(), r.title(), r.opens(), r.closes(),
                    r.criteriaSets(), r.minReviews(), r.commendationCap(), r.commendations().size(), r.blind(),
                    r.panel(), r.status(), r.models(), r.decisions(), r.history(), r.version());
        }
    }

    record Panel(@NotNull @Size(max = Limits.PANEL) List<@NotNull @Valid PanelMember> members) {
    }

    /** Reviewers to assign to the models named, or to every model of a field and/or a unit's subtree. */
    record AssignmentRequest(
            @NotEmpty @Size(max = Limits.PANEL) List<@NotBlank @Size(max = Limits.NAME) String> reviewers,
            @Size(max = Limits.MODELS) List<@NotBlank @Size(max = Limits.ID) String> registrationIds,
            @Size(max = Limits.CODE) String field, @Pattern(regexp = "\\d{2}|\\d{5}") String unitCode) {
    }

    record ConflictDeclaration(@NotBlank @Size(max = Limits.REASON) String reason) {
    }

    record ScoreForm(
            @NotNull @Size(max = Limits.CRITERIA)
            Map<@Size(max = Limits.CODE) String, @NotNull @Points BigDecimal> scores,
            @Size(max = Limits.NOTE) String comment, @Size(max = Limits.NOTE) String privateNote) {
    }

    record Abstention(@NotBlank @Size(max = Limits.REASON) String reason) {
    }

    /**
     * A model of the round as the caller may see it: the statistics of the submitted scorecards and, per the blind
     * rule, the scorecards themselves (a private note only to its author).
     *
     * @param rank among the round's models with a mean, best first
     */
    record ModelView(String registrationId, String title, String unitCode, ModelKind kind, String field,
            String sentUpFrom, List<RoundModel.Assignment> assignments, List<RoundModel.Conflict> conflicts,
            int reviewsDone, BigDecimal mean, BigDecimal median, boolean disagreement, Integer rank,
            List<RoundModel.Scorecard> scorecards, RoundModel.Deliberation deliberation, RoundModel.Outcome outcome) {
    }

    /** Per reviewer: models assigned and scorecards done. */
    record ReviewerProgress(String reviewer, String unitCode, int assigned, int done) {
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping
    @Allow(Role.COORDINATOR)
    ResponseEntity<RoundView> draft(@Valid @RequestBody RoundForm form) {
        access.requireCovers(Limits.knownUnit(form.unitCode()), "rounds");
        ReviewRound round = rounds.draft(form, username());
        return ResponseEntity.created(URI.create("/api/evaluation/rounds/" + round.id())).body(RoundView.of(round));
    }

    @PutMapping("/{id}")
    @Allow(Role.COORDINATOR)
    RoundView revise(@PathVariable String id, @Valid @RequestBody RoundForm form) {
        return RoundView.of(rounds.revise(run(id), form));
    }

    @GetMapping("/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER})
    RoundView get(@PathVariable String id) {
        return RoundView.of(visible(id));
    }

    /** The rounds of the caller's unit (or {@code unitCode} inside it) and below, optionally of one campaign. */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER})
    List<RoundView> list(@RequestParam(required = false) String campaignId,
            @RequestParam(required = false) String unitCode) {
        String scope = access.scope(Limits.knownUnit(unitCode), "rounds");
        return rounds.roundsOf(scope, campaignId).stream().map(RoundView::of).toList();
    }

    @PutMapping("/{id}/panel")
    @Allow(Role.COORDINATOR)
    RoundView seat(@PathVariable String id, @Valid @RequestBody Panel panel) {
        return RoundView.of(rounds.seat(run(id), panel.members()));
    }

    @PostMapping("/{id}/open")
    @Allow(Role.COORDINATOR)
    RoundView open(@PathVariable String id) {
        return RoundView.of(rounds.open(run(id), username()));
    }

    @PostMapping("/{id}/close")
    @Allow(Role.COORDINATOR)
    RoundView close(@PathVariable String id) {
        return RoundView.of(rounds.close(run(id), username()));
    }

    @PostMapping("/{id}/assignments")
    @Allow(Role.COORDINATOR)
    Rounds.AssignmentResult assign(@PathVariable String id, @Valid @RequestBody AssignmentRequest request) {
        ReviewRound round = run(id);
        Limits.knownUnit(request.unitCode());
        List<RoundModel> chosen = rounds.modelsOf(id).stream()
                .filter(m -> request.registrationIds() == null || request.registrationIds().contains(m.registrationId()))
                .filter(m -> request.field() == null || request.field().equals(m.field()))
                .filter(m -> request.unitCode() == null || m.unitPath().contains(request.unitCode()))
                .toList();
        if (chosen.isEmpty()) {
            throw DomainException.unprocessable("assignment-no-models");
        }
        return rounds.assign(round, request.reviewers(), chosen, username());
    }

    /** Fills every model up to the round's minimum of reviewers, balancing the load and respecting conflicts. */
    @PostMapping("/{id}/assignments/auto")
    @Allow(Role.COORDINATOR)
    Rounds.AssignmentResult autoAssign(@PathVariable String id) {
        return rounds.autoAssign(run(id), username());
    }

    /**
     * The round's models, filtered by field, unit subtree, a reviewer's assignments, and those not yet fully reviewed
     * ({@code notYetReviewed}); sorted by rank (best mean first) or title.
     */
    @GetMapping("/{id}/models")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER})
    List<ModelView> models(@PathVariable String id, @RequestParam(required = false) String field,
            @RequestParam(required = false) String unitCode, @RequestParam(required = false) String reviewer,
            @RequestParam(defaultValue = "false") boolean notYetReviewed,
            @RequestParam(defaultValue = "rank") String sort) {
        ReviewRound round = visible(id);
        Limits.knownUnit(unitCode);
        List<RoundModel> all = rounds.modelsOf(id);
        Map<String, Integer> ranks = ranks(all);
        Comparator<ModelView> order = switch (sort) {
            case "rank" -> Comparator.comparing((ModelView v) -> v.rank() == null ? Integer.MAX_VALUE : v.rank())
                    .thenComparing(ModelView::title);
            case "title" -> Comparator.comparing(ModelView::title);
            default -> throw DomainException.unprocessable("sort-unknown", sort, "rank, title");
        };
        return all.stream()
                .filter(m -> field == null || field.equals(m.field()))
                .filter(m -> unitCode == null || m.unitPath().contains(unitCode))
                .filter(m -> reviewer == null || m.assignedTo(reviewer))
                .filter(m -> !notYetReviewed || m.reviewsDone() < round.minReviews())
                .map(m -> view(round, m, ranks.get(m.registrationId())))
                .sorted(order).toList();
    }

    @GetMapping("/{id}/models/{registrationId}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER})
    ModelView model(@PathVariable String id, @PathVariable String registrationId) {
        ReviewRound round = visible(id);
        return view(round, model(round, registrationId), ranks(rounds.modelsOf(id)).get(registrationId));
    }

    @GetMapping("/{id}/progress")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER})
    List<ReviewerProgress> progress(@PathVariable String id) {
        ReviewRound round = visible(id);
        Map<String, int[]> counts = new HashMap<>();
        for (RoundModel m : rounds.modelsOf(id)) {
            for (RoundModel.Assignment a : m.assignments()) {
                int[] c = counts.computeIfAbsent(a.reviewer(), r -> new int[2]);
                c[0]++;
                if (m.scorecardOf(a.reviewer()).filter(RoundModel.Scorecard::done).isPresent()) {
                    c[1]++;
                }
            }
        }
        return round.panel().stream().map(p -> {
            int[] c = counts.getOrDefault(p.username(), new int[2]);
            return new ReviewerProgress(p.username(), p.unitCode(), c[0], c[1]);
        }).toList();
    }

    /** A reviewer of the panel declares a conflict of interest with a model: they never review it. */
    @PostMapping("/{id}/models/{registrationId}/conflicts")
    @Allow(Role.REVIEWER)
    ModelView declareConflict(@PathVariable String id, @PathVariable String registrationId,
            @Valid @RequestBody ConflictDeclaration declaration) {
        ReviewRound round = reviewing(id);
        RoundModel model = rounds.declareConflict(model(round, registrationId), username(), declaration.reason());
        return view(round, model, null);
    }

    @PutMapping("/{id}/models/{registrationId}/scorecard")
    @Allow(Role.REVIEWER)
    ModelView saveScorecard(@PathVariable String id, @PathVariable String registrationId,
            @Valid @RequestBody ScoreForm form) {
        ReviewRound round = reviewing(id);
        return view(round, rounds.saveDraft(round, model(round, registrationId), username(), form.scores(),
                form.comment(), form.privateNote()), null);
    }

    @PostMapping("/{id}/models/{registrationId}/scorecard/submit")
    @Allow(Role.REVIEWER)
    ModelView submitScorecard(@PathVariable String id, @PathVariable String registrationId) {
        ReviewRound round = reviewing(id);
        return view(round, rounds.submit(round, model(round, registrationId), username()), null);
    }

    @PostMapping("/{id}/models/{registrationId}/scorecard/abstain")
    @Allow(Role.REVIEWER)
    ModelView abstain(@PathVariable String id, @PathVariable String registrationId,
            @Valid @RequestBody Abstention abstention) {
        ReviewRound round = reviewing(id);
        return view(round, rounds.abstain(round, model(round, registrationId), username(), abstention.reason()),
                null);
    }

    /** The panel's deliberation on a model: the vote and the tier, pending until a decision issues it. */
    @PutMapping("/{id}/models/{registrationId}/deliberation")
    @Allow(Role.COORDINATOR)
    ModelView deliberate(@PathVariable String id, @PathVariable String registrationId,
            @Valid @RequestBody DeliberationForm form) {
        ReviewRound round = run(id);
        return view(round, rounds.deliberate(round, model(round, registrationId), form, username()), null);
    }

    /** Issues every pending deliberation of the round in one decision; each outcome is then published. */
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping("/{id}/decisions")
    @Allow(Role.COORDINATOR)
    ResponseEntity<RoundView> issue(@PathVariable String id, @Valid @RequestBody DecisionForm form) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(RoundView.of(rounds.issue(run(id), form, username())));
    }

    private ModelView view(ReviewRound round, RoundModel m, Integer rank) {
        String me = username();
        boolean coordinates = access.caller().roles().contains(Role.COORDINATOR) && access.covers(round.unitCode());
        boolean ownDone = m.scorecardOf(me).filter(RoundModel.Scorecard::done).isPresent();
        boolean seesOthers = coordinates || !round.blind() || ownDone;
        List<RoundModel.Scorecard> cards = m.scorecards().stream()
                .filter(c -> c.reviewer().equals(me) || seesOthers)
                .map(c -> c.reviewer().equals(me) ? c : new RoundModel.Scorecard(c.reviewer(), c.scores(),
                        c.comment(), null, c.status(), c.abstainReason(), c.total(), c.savedAt(), c.submittedAt()))
                .filter(c -> c.reviewer().equals(me) || c.done())
                .toList();
        boolean statistics = seesOthers || !round.onPanel(me);
        return new ModelView(m.registrationId(), m.title(), m.unitCode(), m.kind(), m.field(), m.sentUpFrom(),
                m.assignments(), m.conflicts(), m.reviewsDone(), statistics ? m.mean().orElse(null) : null,
                statistics ? m.median().orElse(null) : null, statistics && m.disagreement(),
                statistics ? rank : null, cards, m.deliberation(), m.outcome());
    }

    /** Ranks by mean total, best first; equal means share a rank. */
    private static Map<String, Integer> ranks(List<RoundModel> models) {
        List<RoundModel> scored = models.stream().filter(m -> m.mean().isPresent())
                .sorted(Comparator.comparing((RoundModel m) -> m.mean().get()).reversed()).toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            boolean tie = i > 0 && scored.get(i).mean().get().compareTo(scored.get(i - 1).mean().get()) == 0;
            ranks.put(scored.get(i).registrationId(), tie ? ranks.get(scored.get(i - 1).registrationId()) : i + 1);
        }
        return ranks;
    }

    private RoundModel model(ReviewRound round, String registrationId) {
        return rounds.model(round.id(), registrationId)
                .orElseThrow(() -> DomainException.notFound("round-model-not-found", registrationId));
    }

    /** A round the caller sees: their unit holds its unit, or they sit on its panel. */
    private ReviewRound visible(String id) {
        ReviewRound round = rounds.find(id).orElseThrow(() -> DomainException.notFound("round-not-found", id));
        if (access.covers(round.unitCode()) || round.onPanel(username())) {
            return round;
        }
        throw DomainException.notFound("round-not-found", id);
    }

    /** A round the caller runs: a coordinator whose unit holds the round's. */
    private ReviewRound run(String id) {
        ReviewRound round = visible(id);
        access.requireCovers(round.unitCode(), "round/" + id);
        return round;
    }

    /** A round the caller reviews in: on its panel, signed in from the unit the panel names. */
    private ReviewRound reviewing(String id) {
        ReviewRound round = visible(id);
        PanelMember member = round.member(username())
                .orElseThrow(() -> new DomainException(HttpStatus.FORBIDDEN, "round-not-on-panel"));
        if (!member.unitCode().equals(access.caller().unitCode())) {
            throw new DomainException(HttpStatus.FORBIDDEN, "round-not-on-panel");
        }
        return round;
    }

    private String username() {
        return access.caller().username();
    }
}
