package vn.dvk.evaluation.grading;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;

/**
 * Grading of mass-mobilisation work (xếp loại). The superior level's coordinators write a yearly scheme and review,
 * adjust and finalise; the graded unit's officers and coordinators submit its self-assessment; everyone reads inside
 * their own subtree.
 */
@RestController
@RequestMapping("/api/evaluation/grading-schemes")
class GradingController {

    private final Gradings gradings;
    private final UnitAccess access;

    GradingController(Gradings gradings, UnitAccess access) {
        this.gradings = gradings;
        this.access = access;
    }

    record SchemeView(String id, String unitCode, int year, GradingScheme.Subject subject, String title,
            List<GradingScheme.Criterion> criteria, BigDecimal bonusMax, List<GradingScheme.Threshold> thresholds,
            java.time.LocalDate selfAssessmentDue, boolean inUse, Long version) {

        static SchemeView of(GradingScheme s) {
            return new SchemeView(s.id(), s.unitCode(), s.year(), s.subject(), s.title(), s.criteria(), s.bonusMax(),
                    s.thresholds(), s.selfAssessmentDue(), s.inUse(), s.version());
        }
    }

    /**
     * A grading as the API shows it: the unit's own self-assessment, the scores as they stand after the superior's
     * adjustments, the superior's part, every adjustment with its reason, and the grade once final.
     */
    record GradingView(String id, String schemeId, int year, GradingScheme.Subject subject, String subjectKey,
            String subjectName, String unitCode, Grading.Status status, Map<String, BigDecimal> selfScores,
            BigDecimal selfBonus, String selfNote, List<Grading.Evidence> evidence, Map<String, BigDecimal> scores,
            Map<String, BigDecimal> superiorScores, BigDecimal bonus, List<Grading.Adjustment> adjustments,
            BigDecimal total, String grade, String notEligibleReason, java.time.Instant submittedAt,
            String finalisedBy, java.time.Instant finalisedAt, Long version) {

        static GradingView of(Grading g) {
            return new GradingView(g.id(), g.schemeId(), g.year(), g.subject(), g.subjectKey(), g.subjectName(),
                    g.unitCode(), g.status(), g.selfScores(), g.selfBonus(), g.selfNote(), g.evidence(), g.scores(),
                    g.superiorScores(), g.bonus(), g.adjustments(), g.total(), g.grade(), g.notEligibleReason(),
                    g.submittedAt(), g.finalisedBy(), g.finalisedAt(), g.version());
        }
    }

    record SelfAssessment(
            @NotNull @Size(max = Limits.CRITERIA)
            Map<@Size(max = Limits.CODE) String, @NotNull @Points BigDecimal> scores,
            @Points BigDecimal bonus, @Size(max = Limits.NOTE) String note,
            @Size(max = Limits.EVIDENCE) List<Grading.@NotNull @Valid Evidence> evidence) {
    }

    record Finalisation(@Size(max = Limits.REASON) String notEligibleReason) {
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping
    @Allow(Role.COORDINATOR)
    ResponseEntity<SchemeView> create(@Valid @RequestBody SchemeForm form) {
        access.requireCovers(Limits.knownUnit(form.unitCode()), "grading-schemes");
        GradingScheme scheme = gradings.create(form, access.caller().username());
        return ResponseEntity.created(URI.create("/api/evaluation/grading-schemes/" + scheme.id()))
                .body(SchemeView.of(scheme));
    }

    @PutMapping("/{id}")
    @Allow(Role.COORDINATOR)
    SchemeView revise(@PathVariable String id, @Valid @RequestBody SchemeForm form) {
        return SchemeView.of(gradings.revise(superior(id), form));
    }

    @GetMapping("/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    SchemeView get(@PathVariable String id) {
        return SchemeView.of(visible(id));
    }

    /** The schemes of the caller's unit (or {@code unitCode} inside it) and below, optionally of one year. */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<SchemeView> list(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) String unitCode) {
        String scope = access.scope(Limits.knownUnit(unitCode), "grading-schemes");
        return gradings.schemes(scope, year).stream().map(SchemeView::of).toList();
    }

    /** The scheme's gradings of subjects inside the caller's unit (all of them for the scheme's own level). */
    @GetMapping("/{id}/gradings")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<GradingView> gradings(@PathVariable String id) {
        GradingScheme scheme = visible(id);
        String scope = access.covers(scheme.unitCode()) ? scheme.unitCode() : access.caller().unitCode();
        return gradings.gradings(scheme, scope).stream().map(GradingView::of).toList();
    }

    @GetMapping("/{id}/gradings/{subjectKey}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    GradingView grading(@PathVariable String id, @PathVariable String subjectKey) {
        GradingScheme scheme = visible(id);
        return GradingView.of(gradings.gradingOf(scheme, subjectOf(scheme, subjectKey)));
    }

    /** The graded unit saves its self-assessment (scores, bonus, a note, evidence) while it is a draft. */
    @PutMapping("/{id}/gradings/{subjectKey}/self-assessment")
    @Allow({Role.UNIT_OFFICER, Role.COORDINATOR})
    GradingView assess(@PathVariable String id, @PathVariable String subjectKey,
            @Valid @RequestBody SelfAssessment form) {
        GradingScheme scheme = visible(id);
        Grading grading = gradings.gradingOf(scheme, subjectOf(scheme, subjectKey));
        return GradingView.of(gradings.assess(scheme, grading, form.scores(), form.bonus(), form.note(),
                form.evidence()));
    }

    @PostMapping("/{id}/gradings/{subjectKey}/self-assessment/submit")
    @Allow({Role.UNIT_OFFICER, Role.COORDINATOR})
    GradingView submit(@PathVariable String id, @PathVariable String subjectKey) {
        GradingScheme scheme = visible(id);
        Grading grading = gradings.gradingOf(scheme, subjectOf(scheme, subjectKey));
        return GradingView.of(gradings.submit(scheme, grading, access.caller().username()));
    }

    /** The superior awards its part of a criterion, or changes a self-assessed score or the bonus with a reason. */
    @PostMapping("/{id}/gradings/{subjectKey}/adjustments")
    @Allow(Role.COORDINATOR)
    GradingView adjust(@PathVariable String id, @PathVariable String subjectKey,
            @Valid @RequestBody AdjustmentForm form) {
        GradingScheme scheme = superior(id);
        Grading grading = gradings.gradingOf(scheme, subjectOf(scheme, subjectKey));
        return GradingView.of(gradings.adjust(scheme, grading, form, access.caller().username()));
    }

    /** The superior finalises the grade (or declares the subject not eligible, with a reason). */
    @PostMapping("/{id}/gradings/{subjectKey}/finalise")
    @Allow(Role.COORDINATOR)
    GradingView finalise(@PathVariable String id, @PathVariable String subjectKey,
            @Valid @RequestBody Finalisation form) {
        GradingScheme scheme = superior(id);
        Grading grading = gradings.gradingOf(scheme, subjectOf(scheme, subjectKey));
        return GradingView.of(gradings.finalise(scheme, grading, form.notEligibleReason(),
                access.caller().username()));
    }

    /** A subject the caller may see: inside their unit (the graded unit's own people, or the superior's). */
    private Gradings.Subject subjectOf(GradingScheme scheme, String key) {
        Gradings.Subject subject = gradings.subject(scheme, key);
        if (!access.covers(subject.unitCode())) {
            throw DomainException.notFound("grading-subject-not-found", key);
        }
        return subject;
    }

    /** A scheme seen from its unit, from above, or from the units it grades below. */
    private GradingScheme visible(String id) {
        return access.visibleAlongPath(gradings.scheme(id), GradingScheme::unitCode, "grading-scheme/" + id,
                () -> DomainException.notFound("grading-scheme-not-found", id));
    }

    /** A scheme the caller grades with: their unit holds the scheme's. */
    private GradingScheme superior(String id) {
        GradingScheme scheme = visible(id);
        access.requireCovers(scheme.unitCode(), "grading-scheme/" + id);
        return scheme;
    }
}
