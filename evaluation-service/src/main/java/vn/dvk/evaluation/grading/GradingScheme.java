package vn.dvk.evaluation.grading;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.evaluation.Limits;
import vn.dvk.evaluation.Points;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;

/**
 * A yearly scheme for grading mass-mobilisation work (xếp loại) of the units below its unit — or of their base
 * blocks, or of the blocks' members: criteria whose points are split between the unit's self-assessment and the
 * superior level's award (e.g. 90 + 10), bonus points, and the grade thresholds. It can change until the first
 * self-assessment is submitted against it.
 */
@Document("grading_schemes")
public class GradingScheme implements HasOutbox {

    static final String SAVED = "vn.dvk.evaluation.grading-scheme-saved.v1";

    /** What is graded: units, base mass-mobilisation blocks, or the blocks' members. */
    public enum Subject { UNIT, BLOCK, BLOCK_MEMBER }

    /** A criterion: the points the graded unit assesses itself, and those the superior level awards. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "GradingCriterion")
    public record Criterion(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,20}") String code,
            @NotBlank @Size(max = Limits.TITLE) String title, @Size(max = Limits.NOTE) String guidance,
            @NotNull @Points BigDecimal selfMax, @NotNull @Points BigDecimal superiorMax) {
    }

    /** A grade reached from {@code minPoints} up (e.g. TOT "Tốt" from 90); points of a total, not of a criterion. */
    public record Threshold(@NotBlank @Pattern(regexp = "[A-Z_]{1,30}") String grade,
            @NotBlank @Size(max = Limits.NAME) String label,
            @NotNull @DecimalMin("0") @DecimalMax(Limits.TOTAL_MAX)
            @Digits(integer = 6, fraction = Limits.FRACTION_DIGITS) BigDecimal minPoints) {
    }

    @Id
    private final String id;
    private final String unitCode;
    private final List<String> unitPath;
    private final int year;
    private final Subject subject;
    private String title;
    private List<Criterion> criteria;
    private BigDecimal bonusMax;
    private List<Threshold> thresholds;
    private LocalDate selfAssessmentDue;
    private boolean inUse;
    private final String createdBy;
    private final Instant createdAt;
    private Instant updatedAt;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    GradingScheme(String id, String unitCode, List<String> unitPath, int year, Subject subject, String title,
            List<Criterion> criteria, BigDecimal bonusMax, List<Threshold> thresholds, LocalDate selfAssessmentDue,
            boolean inUse, String createdBy, Instant createdAt, Instant updatedAt, Long version,
            List<OutboxEvent> outbox) {
        this.id = id;
        this.unitCode = unitCode;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.year = year;
        this.subject = subject;
        this.title = title;
        this.criteria = criteria == null ? List.of() : List.copyOf(criteria);
        this.bonusMax = bonusMax;
        this.thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        this.selfAssessmentDue = selfAssessmentDue;
        this.inUse = inUse;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    static GradingScheme create(String id, SchemeForm form, List<String> unitPath, String by, Instant at) {
        GradingScheme scheme = new GradingScheme(id, form.unitCode(), unitPath, form.year(), form.subject(), null,
                null, null, null, null, false, by, at, at, null, null);
        scheme.plan(form);
        return scheme;
    }

    void revise(SchemeForm form, Instant at) {
        if (inUse) {
            throw DomainException.conflict("grading-scheme-in-use", title);
        }
        if (!form.unitCode().equals(unitCode) || form.year() != year || form.subject() != subject) {
            throw DomainException.unprocessable("grading-scheme-identity-fixed");
        }
        plan(form);
        updatedAt = at;
    }

    private void plan(SchemeForm form) {
        Set<String> codes = new HashSet<>();
        form.criteria().forEach(c -> {
            if (!codes.add(c.code())) {
                throw DomainException.unprocessable("criteria-code-repeated", c.code());
            }
        });
        Set<String> grades = new HashSet<>();
        form.thresholds().forEach(t -> {
            if (!grades.add(t.grade())) {
                throw DomainException.unprocessable("grading-threshold-repeated", t.grade());
            }
        });
        if (form.thresholds().stream().noneMatch(t -> t.minPoints().signum() == 0)) {
            throw DomainException.unprocessable("grading-threshold-no-floor");
        }
        this.title = Texts.nfc(form.title());
        this.criteria = form.criteria().stream().map(c -> new Criterion(c.code(), Texts.nfc(c.title()),
                Texts.nfc(c.guidance()), c.selfMax(), c.superiorMax())).toList();
        this.bonusMax = form.bonusMax() == null ? BigDecimal.ZERO : form.bonusMax();
        this.thresholds = form.thresholds().stream().map(t -> new Threshold(t.grade(), Texts.nfc(t.label()),
                t.minPoints())).sorted(Comparator.comparing(Threshold::minPoints).reversed()).toList();
        this.selfAssessmentDue = form.selfAssessmentDue();
    }


    /** Checks scores of one part: known criteria, each from 0 to that part's maximum. */
    void check(Map<String, BigDecimal> scores, Grading.Part part) {
        scores.forEach((code, score) -> check(code, part, score));
    }

    void check(String code, Grading.Part part, BigDecimal score) {
        BigDecimal max = part == Grading.Part.BONUS ? bonusMax : criterion(code).map(c -> part == Grading.Part.SELF
                ? c.selfMax() : c.superiorMax())
                .orElseThrow(() -> DomainException.unprocessable("score-criterion-unknown", code));
        if (score == null || score.signum() < 0 || score.compareTo(max) > 0) {
            throw DomainException.unprocessable("score-out-of-range", code, score, max.stripTrailingZeros()
                    .toPlainString());
        }
    }

    java.util.Optional<Criterion> criterion(String code) {
        return criteria.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The grade of a total: the highest threshold it reaches (there is always one at 0). */
    Threshold gradeOf(BigDecimal total) {
        return thresholds.stream().filter(t -> total.compareTo(t.minPoints()) >= 0).findFirst()
                .orElse(thresholds.get(thresholds.size() - 1));
    }

    record Saved(String schemeId, String unitCode, int year, Subject subject, String title, List<Criterion> criteria,
            BigDecimal bonusMax, List<Threshold> thresholds, LocalDate selfAssessmentDue, Instant at) {
    }

    Saved saved(Instant at) {
        return new Saved(id, unitCode, year, subject, title, criteria, bonusMax, thresholds, selfAssessmentDue, at);
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

    public int year() {
        return year;
    }

    public Subject subject() {
        return subject;
    }

    public String title() {
        return title;
    }

    public List<Criterion> criteria() {
        return criteria;
    }

    public BigDecimal bonusMax() {
        return bonusMax;
    }

    public List<Threshold> thresholds() {
        return thresholds;
    }

    public LocalDate selfAssessmentDue() {
        return selfAssessmentDue;
    }

    public boolean inUse() {
        return inUse;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Long version() {
        return version;
    }
}
