package vn.dvk.registration.unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.VietnameseOrder;
import vn.dvk.registration.registration.TitleKey;

/**
 * An organisation registered under a unit — its party committee, people's committee, Fatherland Front, unions,
 * schools… — which can own models. Never deleted, only retired, so that the models it owned keep their owner.
 */
@Document("organisations")
public class Organisation implements HasOutbox {

    @Id
    private final String id;
    private final String unitCode;
    private final List<String> unitPath;
    private OrganisationKind kind;
    private String name;
    /** The name without accents, case or extra spaces: one name per unit, and search. */
    private String nameKey;
    private String sortKey;
    /** Unique across organisations: the unit and name key while active, the id once retired (frees the name). */
    private String uniqueName;
    private boolean active;
    private final String createdBy;
    private final Instant createdAt;
    private String updatedBy;
    private Instant updatedAt;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    Organisation(String id, String unitCode, List<String> unitPath, OrganisationKind kind, String name,
            String nameKey, String sortKey, String uniqueName, boolean active, String createdBy, Instant createdAt,
            String updatedBy, Instant updatedAt, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.unitCode = unitCode;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.kind = kind;
        this.name = name;
        this.nameKey = nameKey;
        this.sortKey = sortKey;
        this.uniqueName = uniqueName;
        this.active = active;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    static Organisation register(String id, String unitCode, List<String> unitPath, OrganisationKind kind,
            String name, String by, Instant at) {
        Organisation o = new Organisation(id, unitCode, unitPath, kind, null, null, null, null, true, by, at, by, at, null,
                null);
        o.rename(name);
        return o;
    }

    void update(OrganisationKind kind, String name, String by, Instant at) {
        requireActive();
        this.kind = kind;
        rename(name);
        this.updatedBy = by;
        this.updatedAt = at;
    }

    void retire(String by, Instant at) {
        requireActive();
        this.active = false;
        this.uniqueName = id;
        this.updatedBy = by;
        this.updatedAt = at;
    }

    private void rename(String name) {
        this.name = Names.clean(name);
        this.nameKey = TitleKey.of(this.name);
        this.sortKey = VietnameseOrder.sortKey(this.name);
        this.uniqueName = unitCode + "|" + nameKey;
    }

    private void requireActive() {
        if (!active) {
            throw DomainException.conflict("organisation-retired", name);
        }
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

    public List<String> unitPath() {
        return unitPath;
    }

    public OrganisationKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    String nameKey() {
        return nameKey;
    }

    public boolean active() {
        return active;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Long version() {
        return version;
    }
}
