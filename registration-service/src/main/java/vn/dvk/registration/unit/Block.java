package vn.dvk.registration.unit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.registration.Limits;
import vn.dvk.registration.registration.TitleKey;

/**
 * The base mass-mobilisation block (khối dân vận cơ sở) of a commune: one per commune, with its members. The usual
 * composition — 7 to 13 members and one leader, the commune party secretary or a deputy — is not enforced: a block
 * that departs from it is saved, with warnings that say how.
 */
@Document("mass_mobilisation_blocks")
public class Block implements HasOutbox {

    static final int MIN_MEMBERS = 7;
    static final int MAX_MEMBERS = 13;
    /** A hard limit well above any real block, against mistakes (a whole staff list pasted in). */
    static final int MEMBER_LIMIT = 40;

    public enum Role { LEADER, DEPUTY, MEMBER }

    /**
     * A member: name, position (e.g. "Phó Bí thư Thường trực Đảng ủy") and role in the block. The id stays across
     * recompositions so that a member's grading follows them.
     */
    public record Member(@Size(max = Limits.ID) String id, @NotBlank @Size(max = Limits.NAME) String name,
            @Size(max = Limits.NAME) String position, @NotNull Role role) {
    }

    /** One recomposition, for the record. */
    public record Composition(int members, String by, Instant at) {
    }

    @Id
    private final String id;
    private final String unitCode;
    private final List<String> unitPath;
    private String name;
    private List<Member> members;
    private final List<Composition> history;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    Block(String id, String unitCode, List<String> unitPath, String name, List<Member> members,
            List<Composition> history, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.unitCode = unitCode;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.name = name;
        this.members = members == null ? List.of() : List.copyOf(members);
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    /** The id of a commune's block: one block per commune, found by its code alone. */
    static String idOf(String unitCode) {
        return "block-" + unitCode;
    }

    static Block empty(String unitCode, List<String> unitPath) {
        return new Block(idOf(unitCode), unitCode, unitPath, null, null, null, null, null);
    }

    /** Replaces name and members; members without an id are new and get one. */
    UnitEvents.BlockComposed compose(String name, List<Member> members, String by, Instant at) {
        if (members.size() > MEMBER_LIMIT) {
            throw DomainException.unprocessable("block-too-many-members", MEMBER_LIMIT);
        }
        Set<String> ids = new HashSet<>();
        List<Member> clean = new ArrayList<>();
        for (Member m : members) {
            String memberId = m.id() == null || m.id().isBlank() ? Ids.newId() : m.id();
            if (!ids.add(memberId)) {
                throw DomainException.unprocessable("block-member-repeated", memberId);
            }
            clean.add(new Member(memberId, Names.clean(m.name()),
                    m.position() == null ? null : Names.clean(m.position()), m.role()));
        }
        this.name = Names.clean(name);
        this.members = List.copyOf(clean);
        history.add(new Composition(clean.size(), by, at));
        return new UnitEvents.BlockComposed(id, unitCode, this.name, this.members, warnings(), at);
    }

    /**
     * What departs from the usual composition: {@code block-size} (fewer than 7 or more than 13 members),
     * {@code block-leader-count} (not exactly one leader), {@code block-leader-position} (the leader is not the party
     * secretary or a deputy secretary).
     */
    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (members.size() < MIN_MEMBERS || members.size() > MAX_MEMBERS) {
            warnings.add("block-size");
        }
        List<Member> leaders = members.stream().filter(m -> m.role() == Role.LEADER).toList();
        if (leaders.size() != 1) {
            warnings.add("block-leader-count");
        } else if (leaders.get(0).position() == null
                || !(" " + TitleKey.of(leaders.get(0).position()) + " ").contains(" bi thu ")) {
            warnings.add("block-leader-position");
        }
        return warnings;
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

    public String name() {
        return name;
    }

    public List<Member> members() {
        return members;
    }

    public List<Composition> history() {
        return List.copyOf(history);
    }

    public Long version() {
        return version;
    }

    boolean composed() {
        return !history.isEmpty();
    }
}
