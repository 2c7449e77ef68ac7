package vn.dvk.registration.unit;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.stereotype.Service;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.Outbox;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.registration.registration.TitleKey;
import vn.dvk.units.UnitCatalog;

/**
 * What the platform keeps about units beyond the official catalog: the organisations registered under each unit and
 * the mass-mobilisation block of each commune. Every change and its event on {@value UnitEvents#TOPIC} are saved in
 * one write.
 */
@Service
public class UnitDirectory {

    private final Organisations organisations;
    private final Blocks blocks;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final UnitCatalog catalog = UnitCatalog.official2025();
    private final Clock clock;

    UnitDirectory(Organisations organisations, Blocks blocks, MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.organisations = organisations;
        this.blocks = blocks;
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    Organisation register(String unitCode, OrganisationKind kind, String name, String by) {
        List<String> path = catalog.pathOf(unitCode);
        if (path.isEmpty()) {
            throw DomainException.unprocessable("unit-unknown", unitCode);
        }
        Instant now = clock.instant();
        Organisation organisation = Organisation.register(Ids.newId(), unitCode, path, kind, name, by, now);
        return save(organisation, UnitEvents.OrganisationChanged.REGISTERED, now);
    }

    Organisation update(Organisation organisation, OrganisationKind kind, String name, String by) {
        Instant now = clock.instant();
        organisation.update(kind, name, by, now);
        return save(organisation, UnitEvents.OrganisationChanged.UPDATED, now);
    }

    Organisation retire(Organisation organisation, String by) {
        Instant now = clock.instant();
        organisation.retire(by, now);
        return save(organisation, UnitEvents.OrganisationChanged.RETIRED, now);
    }

    private Organisation save(Organisation organisation, String type, Instant at) {
        outbox.append(organisation, UnitEvents.TOPIC, type, organisation.id(),
                UnitEvents.OrganisationChanged.of(organisation, at));
        try {
            return organisations.save(organisation);
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("organisation-duplicate", organisation.name());
        }
    }

    Optional<Organisation> organisation(String id) {
        return organisations.findById(id);
    }

    /**
     * The active organisation {@code id} of {@code unitCode}, as the owner of a model registered by that unit; a
     * retired one, one of another unit or an unknown id is refused.
     */
    public Organisation ownerFor(String unitCode, String id) {
        return organisations.findById(id).filter(o -> o.active() && o.unitCode().equals(unitCode))
                .orElseThrow(() -> DomainException.unprocessable("owner-organisation-unknown", id, unitCode));
    }

    /** The organisations of a unit in Vietnamese alphabetical order; {@code q}: words starting words of the name. */
    Page<Organisation> organisationsOf(String unitCode, OrganisationKind kind, String q, boolean withRetired,
            Pageable page) {
        Criteria criteria = Criteria.where("unitCode").is(unitCode);
        if (!withRetired) {
            criteria = criteria.and("active").is(true);
        }
        if (kind != null) {
            criteria = criteria.and("kind").is(kind);
        }
        String words = q == null ? "" : TitleKey.of(q);
        if (!words.isEmpty()) {
            criteria = new Criteria().andOperator(java.util.stream.Stream.concat(java.util.stream.Stream.of(criteria),
                    Arrays.stream(words.split(" "))
                            .map(w -> Criteria.where("nameKey").regex("(^| )" + Pattern.quote(w))))
                    .toArray(Criteria[]::new));
        }
        Query query = new Query(criteria).with(page);
        List<Organisation> found = mongo.find(query, Organisation.class);
        return PageableExecutionUtils.getPage(found, page,
                () -> mongo.count(Query.of(query).limit(-1).skip(-1), Organisation.class));
    }

    Optional<Block> blockOf(String unitCode) {
        return blocks.findById(Block.idOf(unitCode)).filter(Block::composed);
    }

    /** Sets the name and members of a commune's block, creating it on first use. */
    Block compose(String unitCode, String name, List<Block.Member> members, String by) {
        UnitCatalog.Unit unit = catalog.find(unitCode)
                .orElseThrow(() -> DomainException.unprocessable("unit-unknown", unitCode));
        if (unit.parentCode() == null) {
            throw DomainException.unprocessable("block-unit-not-commune", unitCode);
        }
        Block block = blocks.findById(Block.idOf(unitCode))
                .orElseGet(() -> Block.empty(unitCode, catalog.pathOf(unitCode)));
        Instant now = clock.instant();
        String blockName = name == null || name.isBlank() ? "Khối dân vận " + unit.name() : name;
        var event = block.compose(blockName, members, by, now);
        outbox.append(block, UnitEvents.TOPIC, UnitEvents.BlockComposed.TYPE, block.id(), event);
        try {
            return blocks.save(block);
        } catch (DuplicateKeyException e) {
            // Two first compositions at once: the same answer as any other concurrent change.
            throw DomainException.conflict("concurrent-change");
        }
    }
}
