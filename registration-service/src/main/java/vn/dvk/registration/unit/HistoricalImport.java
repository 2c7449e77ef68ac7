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

/**
 * One import of the catalog before 1 July 2025, kept for the record with its event: who imported which old
 * provinces' units, and how many rows were refused. Saved after the units it stored, so its event never announces
 * units that are not there.
 */
@Document("historical_imports")
public class HistoricalImport implements HasOutbox {

    @Id
    private final String id;
    /** The importer's unit and the units above it: who may read the record. */
    private final List<String> unitPath;
    private final String fileName;
    /** The old provinces whose units the import stored. */
    private final List<String> provinceCodes;
    private final int rows;
    private final int districts;
    private final int communes;
    private final int rejected;
    private final String importedBy;
    private final Instant importedAt;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    HistoricalImport(String id, List<String> unitPath, String fileName, List<String> provinceCodes, int rows, int districts, int communes,
            int rejected, String importedBy, Instant importedAt, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.fileName = fileName;
        this.provinceCodes = provinceCodes == null ? List.of() : List.copyOf(provinceCodes);
        this.rows = rows;
        this.districts = districts;
        this.communes = communes;
        this.rejected = rejected;
        this.importedBy = importedBy;
        this.importedAt = importedAt;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    public String id() {
        return id;
    }

    public List<String> unitPath() {
        return unitPath;
    }

    public String fileName() {
        return fileName;
    }

    public List<String> provinceCodes() {
        return provinceCodes;
    }

    public int rows() {
        return rows;
    }

    public int districts() {
        return districts;
    }

    public int communes() {
        return communes;
    }

    public int rejected() {
        return rejected;
    }

    public String importedBy() {
        return importedBy;
    }

    public Instant importedAt() {
        return importedAt;
    }

    public Long version() {
        return version;
    }
}
