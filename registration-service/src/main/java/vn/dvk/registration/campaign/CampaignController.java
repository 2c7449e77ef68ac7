package vn.dvk.registration.campaign;

import java.net.URI;
import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.Paging;
import vn.dvk.registration.Limits;
import vn.dvk.kit.validation.PlausibleDate;

/**
 * Campaigns, run by coordinators of the organising unit (or above it); seen by everyone whose unit is inside it or
 * above it.
 */
@RestController
@RequestMapping("/api/registration/campaigns")
class CampaignController {

    private final CampaignCatalog catalog;
    private final UnitAccess access;

    CampaignController(CampaignCatalog catalog, UnitAccess access) {
        this.catalog = catalog;
        this.access = access;
    }

    /** The reason for moving the last day of registration. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ExtensionRequest", description = "A later closing date and why")
    record Extension(@NotNull @PlausibleDate LocalDate closes, @NotBlank @Size(max = Limits.REASON) String reason) {
    }

    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created",
            useReturnTypeSchema = true)
    @PostMapping
    @Allow(Role.COORDINATOR)
    ResponseEntity<CampaignView> draft(@Valid @RequestBody CampaignPlan plan) {
        access.requireCovers(Limits.knownUnit(plan.unitCode()), "campaigns");
        Campaign campaign = catalog.draft(plan, access.caller().username());
        return ResponseEntity.created(URI.create("/api/registration/campaigns/" + campaign.id()))
                .body(CampaignView.of(campaign));
    }

    @PutMapping("/{id}")
    @Allow(Role.COORDINATOR)
    CampaignView revise(@PathVariable String id, @Valid @RequestBody CampaignPlan plan) {
        return CampaignView.of(catalog.revise(managed(id), plan));
    }

    @PostMapping("/{id}/launch")
    @Allow(Role.COORDINATOR)
    CampaignView launch(@PathVariable String id) {
        return transition(id, CampaignEvents.Launched.TYPE, Campaign::launch);
    }

    @PostMapping("/{id}/extensions")
    @Allow(Role.COORDINATOR)
    CampaignView extend(@PathVariable String id, @Valid @RequestBody Extension extension) {
        return transition(id, CampaignEvents.WindowExtended.TYPE,
                (c, by, at) -> c.extend(extension.closes(), extension.reason().strip(), by, at));
    }

    @PostMapping("/{id}/close-registration")
    @Allow(Role.COORDINATOR)
    CampaignView closeRegistration(@PathVariable String id) {
        return transition(id, CampaignEvents.RegistrationClosed.TYPE, Campaign::closeRegistration);
    }

    @PostMapping("/{id}/close")
    @Allow(Role.COORDINATOR)
    CampaignView close(@PathVariable String id) {
        return transition(id, CampaignEvents.Closed.TYPE, Campaign::close);
    }

    /** A lifecycle step of a campaign the caller manages, by the caller, now. */
    @FunctionalInterface
    interface Step {
        Object apply(Campaign campaign, String by, java.time.Instant at);
    }

    private CampaignView transition(String id, String type, Step step) {
        String by = access.caller().username();
        return CampaignView.of(catalog.transition(managed(id), type, (c, at) -> step.apply(c, by, at)));
    }

    @GetMapping("/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    CampaignView get(@PathVariable String id) {
        return CampaignView.of(catalog.visibleTo(access, id));
    }

    /** The campaigns that concern the caller's unit, newest year first; filters {@code year} and {@code status}. */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<CampaignView> list(@RequestParam(required = false) Integer year,
            @RequestParam(required = false) CampaignStatus status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return catalog.concerning(access.caller().unitCode(), access.callerPath(), year, status,
                Paging.of(page, size, Sort.by(Sort.Direction.DESC, "plan.year").and(Sort.by("plan.title"))))
                .map(CampaignView::of);
    }

    /** A campaign the caller may manage: its organising unit lies inside the caller's. */
    private Campaign managed(String id) {
        return access.visible(catalog.find(id), Campaign::unitCode, "campaign/" + id,
                () -> DomainException.notFound("campaign-not-found", id));
    }
}
