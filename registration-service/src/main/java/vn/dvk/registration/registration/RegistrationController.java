package vn.dvk.registration.registration;

import java.net.URI;

import jakarta.validation.Valid;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.Paging;

@RestController
@RequestMapping("/api/registration/registrations")
class RegistrationController {

    private final RegistrationSubmissions submissions;
    private final Registrations registrations;
    private final UnitAccess access;

    RegistrationController(RegistrationSubmissions submissions, Registrations registrations, UnitAccess access) {
        this.submissions = submissions;
        this.registrations = registrations;
        this.access = access;
    }

    @PostMapping
    @Allow(Role.UNIT_OFFICER)
    ResponseEntity<RegistrationView> submit(@Valid @RequestBody SubmitRegistration command) {
        access.requireCovers(command.unitCode(), "registrations");
        Registration registration = submissions.submit(command);
        return ResponseEntity.created(URI.create("/api/registration/registrations/" + registration.id()))
                .body(RegistrationView.of(registration));
    }

    @GetMapping("/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    RegistrationView get(@PathVariable String id) {
        return RegistrationView.of(access.visible(registrations.findById(id), Registration::unitCode,
                "registration/" + id, () -> DomainException.notFound("registration-not-found", id)));
    }

    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<RegistrationView> list(@RequestParam String unitCode, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        access.requireCovers(unitCode, "registrations?unitCode=" + unitCode);
        return registrations.findByUnitCode(unitCode,
                Paging.of(page, size, Sort.by(Sort.Direction.DESC, "submittedAt"))).map(RegistrationView::of);
    }
}
