package vn.dvk.evaluation.grading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.evaluation.Limits;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;
import vn.dvk.kit.validation.HttpUrl;

/**
 * The grading of one unit, block or block member under a scheme: its self-assessment with evidence, the superior's
 * award and adjustments (each kept, with its reason), and the final grade. Drafted and submitted by the graded unit,
 * then reviewed and finalised by the scheme's unit.
 */
@Document("gradings")
public class Grading implements HasOutbox {

    static final String SUBMITTED = "vn.dvk.evaluation.self-assessment-submitted.v1";
    static final String ADJUSTED = "vn.dvk.evaluation.grading-adjusted.v1";
    static final String FINALISED = "vn.dvk.evaluation.grade-finalised.v1";
    /** The grade of a subject the superior declares not eligible, whatever its points. */
    static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";

    public enum Status { DRAFT, SUBMITTED, FINALISED }

    /** Which points a score is: the unit's own, the superior's award, or the bonus. */
    public enum Part { SELF, SUPERIOR, BONUS }

    /** Evidence of a self-assessment: a document's title and where it is on the web. */
    public record Evidence(@Size(max = Limits.TITLE) String title, @Size(max = Limits.URL) @HttpUrl String url) {
    }

    /** A change the superior made, kept for the record: the self-assessed value and the one it became. */
    public record Adjustment(String code, Part part, BigDecimal from, BigDecimal to, String reason, String by,
            Instant at) {
    }

    @Id
    private final String id;
    private final String schemeId;
    private final int year;
    private final GradingScheme.Subject subject;
    private final String subjectKey;
    private final String subjectName;
    private final String unitCode;
    private final List<String> unitPath;
    private Map<String, BigDecimal> selfScores;
    private BigDecimal selfBonus;
    private String selfNote;
    private List<Evidence> evidence;
    private final Map<String, BigDecimal> scores;
    private final Map<String, BigDecimal> superiorScores;
    private BigDecimal bonus;
    private final List<Adjustment> adjustments;
    private Status status;
    private BigDecimal total;
    private String grade;
    private String notEligibleReason;
    private String submittedBy;
    private Instant submittedAt;
    private String finalisedBy;
    private Instant finalisedAt;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    Grading(String id, String schemeId, int year, GradingScheme.Subject subject, String subjectKey,
            String subjectName, String unitCode, List<String> unitPath, Map<String, BigDecimal> selfScores,
            BigDecimal selfBonus, String selfNote, List<Evidence> evidence, Map<String, BigDecimal> scores,
            Map<String, BigDecimal> superiorScores, BigDecimal bonus, List<Adjustment> adjustments, Status status,
            BigDecimal total, String grade, String notEligibleReason, String submittedBy, Instant submittedAt,
            String finalisedBy, Instant finalisedAt, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.schemeId = schemeId;
        this.year = year;
        this.subject = subject;
        this.subjectKey = subjectKey;
        this.subjectName = subjectName;
        this.unitCode = unitCode;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.selfScores = selfScores == null ? new LinkedHashMap<>() : new LinkedHashMap<>(selfScores);
        this.selfBonus = selfBonus;
        this.selfNote = selfNote;
        this.evidence = evidence == null ? List.of() : List.copyOf(evidence);
        this.scores = scores == null ? new LinkedHashMap<>() : new LinkedHashMap<>(scores);
        this.superiorScores = superiorScores == null ? new LinkedHashMap<>() : new LinkedHashMap<>(superiorScores);
        this.bonus = bonus;
        this.adjustments = adjustments == null ? new ArrayList<>() : new ArrayList<>(adjustments);
        this.status = status;
        this.total = total;
        this.grade = grade;
        this.notEligibleReason = notEligibleReason;
        this.submittedBy = submittedBy;
        this.submittedAt = submittedAt;
        this.finalisedBy = finalisedBy;
        this.finalisedAt = finalisedAt;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    static String idOf(String schemeId, String subjectKey) {
        return schemeId + "/" + subjectKey;
    }

    static Grading start(GradingScheme scheme, String subjectKey, String subjectName, String unitCode,
            List<String> unitPath) {
        return new Grading(idOf(scheme.id(), subjectKey), scheme.id(), scheme.year(), scheme.subject(), subjectKey,
                subjectName, unitCode, unitPath, null, null, null, null, null, null, null, null, Status.DRAFT, null,
                null, null, null, null, null, null, null, null);
    }

    /** Saves the unit's self-assessment while it is a draft. */
    void assess(GradingScheme scheme, Map<String, BigDecimal> self, BigDecimal selfBonusPoints, String note,
            List<Evidence> documents) {
        require(Status.DRAFT);
        scheme.check(self, Part.SELF);
        if (selfBonusPoints != null) {
            scheme.check("BONUS", Part.BONUS, selfBonusPoints);
        }
        this.selfScores = new LinkedHashMap<>(self);
        this.selfBonus = selfBonusPoints;
        this.selfNote = Texts.nfc(note);
        this.evidence = documents == null ? List.of() : documents.stream()
                .map(e -> new Evidence(Texts.nfc(e.title()), e.url() == null ? null : e.url().strip())).toList();
    }

    /** Submits the self-assessment: every criterion with self-assessed points scored. */
    SelfAssessmentSubmitted submit(GradingScheme scheme, String by, Instant at) {
        require(Status.DRAFT);
        List<String> missing = scheme.criteria().stream()
                .filter(c -> c.selfMax().signum() > 0 && !selfScores.containsKey(c.code()))
                .map(GradingScheme.Criterion::code).toList();
        if (!missing.isEmpty()) {
            throw DomainException.unprocessable("score-required-missing", String.join(", ", missing));
        }
        scores.clear();
        scores.putAll(selfScores);
        bonus = selfBonus;
        status = Status.SUBMITTED;
        submittedBy = by;
        submittedAt = at;
        BigDecimal selfTotal = sum(selfScores).add(selfBonus == null ? BigDecimal.ZERO : selfBonus);
        return new SelfAssessmentSubmitted(schemeId, id, year, subject, subjectKey, unitCode, selfTotal, at);
    }

    /**
     * The superior awards its part of a criterion, or changes a self-assessed score or the bonus; a change to what
     * the unit assessed needs a reason. Every change is kept.
     */
    Adjusted adjust(GradingScheme scheme, String code, Part part, BigDecimal value, String reason, String by,
            Instant at) {
        require(Status.SUBMITTED);
        scheme.check(code, part, value);
        if (part != Part.SUPERIOR && (reason == null || reason.isBlank())) {
            throw DomainException.unprocessable("grading-adjustment-reason-missing");
        }
        BigDecimal from = switch (part) {
            case SELF -> scores.put(code, value);
            case SUPERIOR -> superiorScores.put(code, value);
            case BONUS -> {
                BigDecimal previous = bonus;
                bonus = value;
                yield previous;
            }
        };
        Adjustment adjustment = new Adjustment(part == Part.BONUS ? "BONUS" : code, part, from, value,
                Texts.nfc(reason), by, at);
        adjustments.add(adjustment);
        return new Adjusted(schemeId, id, subjectKey, unitCode, adjustment.code(), part, from, value,
                adjustment.reason(), at);
    }

    /** Finalises the grade from the points, or as not eligible with a reason. */
    Finalised finalise(GradingScheme scheme, String notEligible, String by, Instant at) {
        require(Status.SUBMITTED);
        List<String> missing = scheme.criteria().stream()
                .filter(c -> c.superiorMax().signum() > 0 && !superiorScores.containsKey(c.code()))
                .map(GradingScheme.Criterion::code).toList();
        if (!missing.isEmpty() && (notEligible == null || notEligible.isBlank())) {
            throw DomainException.unprocessable("grading-superior-missing", String.join(", ", missing));
        }
        total = sum(scores).add(sum(superiorScores)).add(bonus == null ? BigDecimal.ZERO : bonus);
        boolean eligible = notEligible == null || notEligible.isBlank();
        GradingScheme.Threshold threshold = scheme.gradeOf(total);
        grade = eligible ? threshold.grade() : NOT_ELIGIBLE;
        notEligibleReason = eligible ? null : Texts.nfc(notEligible);
        status = Status.FINALISED;
        finalisedBy = by;
        finalisedAt = at;
        return new Finalised(schemeId, id, year, subject, subjectKey, subjectName, unitCode, total, grade,
                eligible ? threshold.label() : null, notEligibleReason, adjustments.size(), at);
    }

    private static BigDecimal sum(Map<String, BigDecimal> points) {
        return points.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void require(Status expected) {
        if (status != expected) {
            throw DomainException.conflict("grading-wrong-status", status);
        }
    }

    record SelfAssessmentSubmitted(String schemeId, String gradingId, int year, GradingScheme.Subject subject,
            String subjectKey, String unitCode, BigDecimal selfTotal, Instant at) {
    }

    record Adjusted(String schemeId, String gradingId, String subjectKey, String unitCode, String code, Part part,
            BigDecimal from, BigDecimal to, String reason, Instant at) {
    }

    record Finalised(String schemeId, String gradingId, int year, GradingScheme.Subject subject, String subjectKey,
            String subjectName, String unitCode, BigDecimal total, String grade, String gradeLabel,
            String notEligibleReason, int adjustments, Instant at) {
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    public String id() {
        return id;
    }

    public String schemeId() {
        return schemeId;
    }

    public int year() {
        return year;
    }

    public GradingScheme.Subject subject() {
        return subject;
    }

    public String subjectKey() {
        return subjectKey;
    }

    public String subjectName() {
        return subjectName;
    }

    public String unitCode() {
        return unitCode;
    }

    public List<String> unitPath() {
        return unitPath;
    }

    public Map<String, BigDecimal> selfScores() {
        return Map.copyOf(selfScores);
    }

    public BigDecimal selfBonus() {
        return selfBonus;
    }

    public String selfNote() {
        return selfNote;
    }

    public List<Evidence> evidence() {
        return evidence;
    }

    public Map<String, BigDecimal> scores() {
        return Map.copyOf(scores);
    }

    public Map<String, BigDecimal> superiorScores() {
        return Map.copyOf(superiorScores);
    }

    public BigDecimal bonus() {
        return bonus;
    }

    public List<Adjustment> adjustments() {
        return List.copyOf(adjustments);
    }

    public Status status() {
        return status;
    }

    public BigDecimal total() {
        return total;
    }

    public String grade() {
        return grade;
    }

    public String notEligibleReason() {
        return notEligibleReason;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String finalisedBy() {
        return finalisedBy;
    }

    public Instant finalisedAt() {
        return finalisedAt;
    }

    public Long version() {
        return version;
    }
}
