package vn.dvk.evaluation.dossier;

import java.time.Clock;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.IdempotentWrites;
import vn.dvk.kit.consume.IncomingEvent;

/** Opens a dossier when a registration is submitted; a redelivered event changes nothing. */
@Component
class Dossiers {

    private final IdempotentWrites writes;
    private final Clock clock;

    Dossiers(IdempotentWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    void open(IncomingEvent event, RegistrationSubmitted submitted) {
        Update update = new Update()
                .set("unitCode", submitted.unitCode())
                .set("title", submitted.title())
                .set("kind", submitted.kind())
                .set("field", submitted.field())
                .set("submittedAt", submitted.submittedAt())
                .setOnInsert("status", Dossier.AWAITING_REVIEW)
                .setOnInsert("openedAt", clock.instant());
        writes.applyOnce(Dossier.COLLECTION, submitted.registrationId(), event.id(), update);
    }
}
