package vn.dvk.evaluation.dossier;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;

@RestController
@RequestMapping("/api/evaluation/dossiers")
class DossierController {

    private final DossierRepository dossiers;

    DossierController(DossierRepository dossiers) {
        this.dossiers = dossiers;
    }

    @GetMapping("/{registrationId}")
    Dossier get(@PathVariable String registrationId) {
        return dossiers.findById(registrationId)
                .orElseThrow(() -> DomainException.notFound("dossier-not-found", registrationId));
    }

    @GetMapping
    Page<Dossier> list(@RequestParam String unitCode, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return dossiers.findByUnitCode(unitCode, PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200),
                Sort.by(Sort.Direction.DESC, "submittedAt")));
    }
}
