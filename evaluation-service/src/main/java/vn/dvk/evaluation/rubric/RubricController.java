package vn.dvk.evaluation.rubric;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
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
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;

/**
 * Rubrics (bộ tiêu chí): a coordinator writes one per campaign and kind of model for their unit, starting from the
 * defaults; everyone of the unit's subtree (and above) reads them.
 */
@RestController
@RequestMapping("/api/evaluation/criteria-sets")
class RubricController {

    private final Rubrics rubrics;
    private final UnitAccess access;

    RubricController(Rubrics rubrics, UnitAccess access) {
        this.rubrics = rubrics;
        this.access = access;
    }

    /** A rubric as the API shows it. */
    record RubricView(String id, String campaignId, String unitCode, ModelKind kind, String title,
            List<Criterion> criteria, boolean inUse, String updatedBy, java.time.Instant updatedAt, Long version) {

        static RubricView of(CriteriaSet s) {
            return new RubricView(s.id(), s.campaignId(), s.unitCode(), s.kind(), s.title(), s.criteria(), s.inUse(),
                    s.updatedBy(), s.updatedAt(), s.version());
        }
    }

    /** The default criteria of a kind of model (shared/DOMAIN.md), to start a rubric from. */
    @GetMapping("/defaults")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<Criterion> defaults(@RequestParam ModelKind kind) {
        return DefaultRubrics.of(kind);
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping
    @Allow(Role.COORDINATOR)
    ResponseEntity<RubricView> create(@Valid @RequestBody RubricForm form) {
        access.requireCovers(Limits.knownUnit(form.unitCode()), "criteria-sets");
        CriteriaSet set = rubrics.create(form, access.caller().username());
        return ResponseEntity.created(URI.create("/api/evaluation/criteria-sets/" + set.id()))
                .body(RubricView.of(set));
    }

    @PutMapping("/{id}")
    @Allow(Role.COORDINATOR)
    RubricView revise(@PathVariable String id, @Valid @RequestBody RubricForm form) {
        CriteriaSet set = visible(id);
        access.requireCovers(set.unitCode(), "criteria-set/" + id);
        return RubricView.of(rubrics.revise(set, form, access.caller().username()));
    }

    @GetMapping("/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    RubricView get(@PathVariable String id) {
        return RubricView.of(visible(id));
    }

    /** The rubrics of the caller's unit (or {@code unitCode} inside it) and below, optionally of one campaign. */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    List<RubricView> list(@RequestParam(required = false) String campaignId,
            @RequestParam(required = false) String unitCode) {
        String scope = access.scope(Limits.knownUnit(unitCode), "criteria-sets");
        return rubrics.ofCampaign(campaignId, scope).stream().map(RubricView::of).toList();
    }

    private CriteriaSet visible(String id) {
        return access.visibleAlongPath(rubrics.find(id), CriteriaSet::unitCode, "criteria-set/" + id,
                () -> DomainException.notFound("criteria-set-not-found", id));
    }
}
