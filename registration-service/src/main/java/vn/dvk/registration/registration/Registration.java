package vn.dvk.registration.registration;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;

/** A model registered by a unit. The aggregate and the events it has not yet published are one document. */
@Document("registrations")
public class Registration implements HasOutbox {

    static final String TOPIC = "registration-events";

    @Id
    private final String id;
    private final String unitCode;
    private final String title;
    private final ModelKind kind;
    private final Field field;
    private RegistrationStatus status;
    private Instant submittedAt;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    Registration(String id, String unitCode, String title, ModelKind kind, Field field, RegistrationStatus status,
            Instant submittedAt, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.unitCode = unitCode;
        this.title = title;
        this.kind = kind;
        this.field = field;
        this.status = status;
        this.submittedAt = submittedAt;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    /**
     * Registers and submits a model in one step; titles are stored in Unicode NFC so that the same Vietnamese text
     * typed on different keyboards compares equal.
     */
    static Submission submit(String unitCode, String title, ModelKind kind, Field field, Clock clock) {
        Instant now = clock.instant();
        Registration registration = new Registration(Ids.newId(), unitCode,
                Normalizer.normalize(title.strip(), Normalizer.Form.NFC), kind, field, RegistrationStatus.SUBMITTED,
                now, null, null);
        return new Submission(registration, new RegistrationSubmitted(registration.id, registration.unitCode,
                registration.title, kind, field, now));
    }

    record Submission(Registration registration, RegistrationSubmitted event) {
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    public String id() {
        return id;
    }

    public String unitCode() {
        return unitCode;
    }

    public String title() {
        return title;
    }

    public ModelKind kind() {
        return kind;
    }

    public Field field() {
        return field;
    }

    public RegistrationStatus status() {
        return status;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Long version() {
        return version;
    }
}
