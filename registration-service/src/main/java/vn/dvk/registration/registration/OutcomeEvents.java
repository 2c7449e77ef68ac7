package vn.dvk.registration.registration;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.EventDispatchers;
import vn.dvk.kit.consume.IncomingEvent;
import vn.dvk.kit.outbox.Outbox;

/**
 * Evaluation outcomes shown on registrations: the {@code onEvaluationEvent-in-0} binding (topic
 * {@code evaluation-events}). Each outcome is recorded once on its registration, in the same write as the
 * recognition or commendation it brings and that event.
 */
@Component
class OutcomeEvents {

    private static final Logger log = LoggerFactory.getLogger(OutcomeEvents.class);

    private final Registrations registrations;
    private final Outbox outbox;

    OutcomeEvents(Registrations registrations, Outbox outbox) {
        this.registrations = registrations;
        this.outbox = outbox;
    }

    @Configuration(proxyBeanMethods = false)
    static class Binding {

        @Bean
        Consumer<Message<byte[]>> onEvaluationEvent(EventDispatchers events, OutcomeEvents outcomes) {
            return events.builder().on(OutcomeIssued.TYPE, OutcomeIssued.class, outcomes::apply).build();
        }
    }

    /** A version conflict throws, and the binder's retry reads the registration again. */
    void apply(IncomingEvent event, OutcomeIssued issued) {
        Registration registration = registrations.findById(issued.registrationId()).orElse(null);
        if (registration == null) {
            log.warn("Outcome {} names registration {}, which is not here; ignored", event.id(),
                    issued.registrationId());
            return;
        }
        var commendation = issued.commendation();
        var decision = issued.decision();
        Registration.Outcome outcome = new Registration.Outcome(event.id(), issued.roundId(), issued.level(),
                issued.tier().name(), commendation == null ? null : commendation.kind(),
                commendation == null ? null : commendation.body(), decision == null ? null : decision.number(),
                decision == null ? null : decision.date(), decision == null ? null : decision.issuingBody(),
                issued.issuedAt());
        int before = registration.outcomes().size();
        registration.recordOutcome(outcome, issued.tier().status(), issued.issuedAt())
                .ifPresent(changed -> outbox.append(registration, Registration.TOPIC,
                        RegistrationChanged.typeFor(changed.status()), registration.id(), changed));
        if (registration.outcomes().size() > before) {
            registrations.save(registration);
        }
    }
}
