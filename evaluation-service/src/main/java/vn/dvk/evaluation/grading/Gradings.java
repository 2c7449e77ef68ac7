package vn.dvk.evaluation.grading;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.dvk.evaluation.EvaluationTopic;
import vn.dvk.kit.id.Ids;
import vn.dvk.kit.outbox.Outbox;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.unit.KnownUnits;
import vn.dvk.units.UnitCatalog;

/**
 * Grading of mass-mobilisation work: schemes of the superior level, and each subject's self-assessment, review and
 * grade. Every change and its event are saved in one write of one document.
 */
@Service
class Gradings {

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final UnitCatalog units = UnitCatalog.official2025();
    private final Clock clock;

    Gradings(MongoTemplate mongo, Outbox outbox, Clock clock) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.clock = clock;
    }

    GradingScheme create(SchemeForm form, String by) {
        List<String> path = KnownUnits.pathOf(form.unitCode());
        Instant now = clock.instant();
        return saveScheme(GradingScheme.create(Ids.newId(), form, path, by, now), now);
    }

    GradingScheme revise(GradingScheme scheme, SchemeForm form) {
        Instant now = clock.instant();
        scheme.revise(form, now);
        return saveScheme(scheme, now);
    }

    private GradingScheme saveScheme(GradingScheme scheme, Instant at) {
        outbox.append(scheme, EvaluationTopic.NAME, GradingScheme.SAVED, scheme.id(), scheme.saved(at));
        return mongo.save(scheme);
    }

    /** What a subject key names: its unit (for access), its name, and the unit path. */
    record Subject(String key, String name, String unitCode, List<String> unitPath) {
    }

    /**
     * The subject a key names under a scheme: a unit code below the scheme's unit; a block id
     * ({@code block-<commune>}); or a block member, {@code <block id>:<member id>}.
     */
    Subject subject(GradingScheme scheme, String key) {
        Subject subject = switch (scheme.subject()) {
            case UNIT -> units.find(key).map(u -> new Subject(key, u.name(), key, units.pathOf(key)))
                    .orElseThrow(() -> DomainException.notFound("grading-subject-not-found", key));
            case BLOCK -> block(key).map(b -> new Subject(key, b.name(), b.unitCode(), units.pathOf(b.unitCode())))
                    .orElseThrow(() -> DomainException.notFound("grading-subject-not-found", key));
            case BLOCK_MEMBER -> {
                int colon = key.indexOf(':');
                BlockCopy block = (colon < 0 ? Optional.<BlockCopy>empty() : block(key.substring(0, colon)))
                        .orElseThrow(() -> DomainException.notFound("grading-subject-not-found", key));
                BlockCopy.Member member = block.members().stream().filter(m -> m.id().equals(key.substring(colon + 1)))
                        .findFirst().orElseThrow(() -> DomainException.notFound("grading-subject-not-found", key));
                yield new Subject(key, member.name() + " (" + block.name() + ")", block.unitCode(),
                        units.pathOf(block.unitCode()));
            }
        };
        if (subject.unitCode().equals(scheme.unitCode()) || !subject.unitPath().contains(scheme.unitCode())) {
            throw DomainException.unprocessable("grading-subject-outside-scheme", key, scheme.unitCode());
        }
        return subject;
    }

    private Optional<BlockCopy> block(String id) {
        return Optional.ofNullable(mongo.findById(id, BlockCopy.class));
    }

    /** The grading of a subject, begun (as a draft) when first asked for. */
    Grading gradingOf(GradingScheme scheme, Subject subject) {
        Grading held = mongo.findById(Grading.idOf(scheme.id(), subject.key()), Grading.class);
        return held != null ? held : Grading.start(scheme, subject.key(), subject.name(), subject.unitCode(),
                subject.unitPath());
    }

    Grading assess(GradingScheme scheme, Grading grading, Map<String, BigDecimal> scores, BigDecimal bonus,
            String note, List<Grading.Evidence> evidence) {
        grading.assess(scheme, scores, bonus, note, evidence);
        return mongo.save(grading);
    }

    /** Submits a self-assessment; the first one fixes the scheme, saved before the grading that relies on it. */
    Grading submit(GradingScheme scheme, Grading grading, String by) {
        Grading.SelfAssessmentSubmitted event = grading.submit(scheme, by, clock.instant());
        if (!scheme.inUse()) {
            // One write whatever other units submit at the same time; the version moves, so a revision in flight
            // fails rather than changing a scheme now in use.
            mongo.updateFirst(new Query(Criteria.where("_id").is(scheme.id())),
                    new Update().set("inUse", true).inc("version", 1), GradingScheme.class);
        }
        outbox.append(grading, EvaluationTopic.NAME, Grading.SUBMITTED, grading.id(), event);
        return mongo.save(grading);
    }

    Grading adjust(GradingScheme scheme, Grading grading, AdjustmentForm form, String by) {
        Grading.Adjusted event = grading.adjust(scheme, form.code(), form.part(), form.score(), form.reason(), by,
                clock.instant());
        outbox.append(grading, EvaluationTopic.NAME, Grading.ADJUSTED, grading.id(), event);
        return mongo.save(grading);
    }

    Grading finalise(GradingScheme scheme, Grading grading, String notEligibleReason, String by) {
        Grading.Finalised event = grading.finalise(scheme, notEligibleReason, by, clock.instant());
        outbox.append(grading, EvaluationTopic.NAME, Grading.FINALISED, grading.id(), event);
        return mongo.save(grading);
    }

    Optional<GradingScheme> scheme(String id) {
        return Optional.ofNullable(mongo.findById(id, GradingScheme.class));
    }

    List<GradingScheme> schemes(String scope, Integer year) {
        Criteria criteria = Criteria.where("unitPath").is(scope);
        if (year != null) {
            criteria = criteria.and("year").is(year);
        }
        return mongo.find(new Query(criteria), GradingScheme.class);
    }

    /** The scheme's gradings of subjects inside {@code scope}. */
    List<Grading> gradings(GradingScheme scheme, String scope) {
        return mongo.find(new Query(Criteria.where("schemeId").is(scheme.id()).and("unitPath").is(scope)),
                Grading.class);
    }
}
