package vn.dvk.registration.registration;

import java.net.URI;

import jakarta.validation.Valid;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
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

@RestController
@RequestMapping("/api/registration/registrations")
class RegistrationController {

    private final RegistrationSubmissions submissions;
    private final Registrations registrations;

    RegistrationController(RegistrationSubmissions submissions, Registrations registrations) {
        this.submissions = submissions;
        this.registrations = registrations;
    }

    @PostMapping
    ResponseEntity<RegistrationView> submit(@Valid @RequestBody SubmitRegistration command) {
        Registration registration = submissions.submit(command);
        return ResponseEntity.created(URI.create("/api/registration/registrations/" + registration.id()))
                .body(RegistrationView.of(registration));
    }

    @GetMapping("/{id}")
    RegistrationView get(@PathVariable String id) {
        return registrations.findById(id).map(RegistrationView::of)
                .orElseThrow(() -> DomainException.notFound("registration-not-found", id));
    }

    @GetMapping
    Page<RegistrationView> list(@RequestParam String unitCode, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageRequest request = PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200),
                Sort.by(Sort.Direction.DESC, "submittedAt"));
        return registrations.findByUnitCode(unitCode, request).map(RegistrationView::of);
    }
}
