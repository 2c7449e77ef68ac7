package vn.dvk.evaluation.dossier;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.evaluation.Limits;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.Paging;

@RestController
@RequestMapping("/api/evaluation/dossiers")
class DossierController {

    private final DossierRepository dossiers;
    private final UnitAccess access;

    DossierController(DossierRepository dossiers, UnitAccess access) {
        this.dossiers = dossiers;
        this.access = access;
    }

    @GetMapping("/{registrationId}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER})
    Dossier get(@PathVariable String registrationId) {
        return access.visible(dossiers.findById(registrationId), Dossier::unitCode, "dossier/" + registrationId,
                () -> DomainException.notFound("dossier-not-found", registrationId));
    }

    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER})
    Page<Dossier> list(@RequestParam String unitCode, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        access.requireCovers(Limits.knownUnit(unitCode), "dossiers?unitCode=" + unitCode);
        return dossiers.findByUnitCode(unitCode, Paging.of(page, size, Sort.by(Sort.Direction.DESC, "submittedAt")));
    }
}
