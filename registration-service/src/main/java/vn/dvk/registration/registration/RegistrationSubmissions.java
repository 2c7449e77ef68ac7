package vn.dvk.registration.registration;

import java.time.Clock;

import org.springframework.stereotype.Service;
import vn.dvk.kit.outbox.Outbox;

/** Submits a registration: the document and its {@code submitted} event are saved in one write. */
@Service
class RegistrationSubmissions {

    private final Registrations registrations;
    private final Outbox outbox;
    private final Clock clock;

    RegistrationSubmissions(Registrations registrations, Outbox outbox, Clock clock) {
        this.registrations = registrations;
        this.outbox = outbox;
        this.clock = clock;
    }

    Registration submit(SubmitRegistration command) {
        Registration.Submission submission = Registration.submit(command.unitCode(), command.title(), command.kind(),
                command.field(), clock);
        Registration registration = submission.registration();
        outbox.append(registration, Registration.TOPIC, RegistrationSubmitted.TYPE, registration.id(),
                submission.event());
        return registrations.save(registration);
    }
}
