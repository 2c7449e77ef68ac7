package vn.dvk.evaluation.rubric;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.dvk.kit.outbox.HasOutbox;
import vn.dvk.kit.outbox.OutboxEvent;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.text.Texts;

/**
 * A rubric (bộ tiêu chí) of a campaign for one kind of model, owned by the unit that evaluates with it. It can change
 * until a round opens with it; then it is fixed, so every scorecard of the round is scored against the same criteria.
 */
@Document("criteria_sets")
public class CriteriaSet implements HasOutbox {

    static final String SAVED = "vn.dvk.evaluation.criteria-set-saved.v1";

    @Id
    private final String id;
    private final String campaignId;
    private final String unitCode;
    private final List<String> unitPath;
    private final ModelKind kind;
    private String title;
    private List<Criterion> criteria;
    /** Set when a round opens with it: from then on it cannot change. */
    private boolean inUse;
    private final String createdBy;
    private final Instant createdAt;
    private String updatedBy;
    private Instant updatedAt;
    @Version
    private Long version;
    private final List<OutboxEvent> outbox;

    @PersistenceCreator
    CriteriaSet(String id, String campaignId, String unitCode, List<String> unitPath, ModelKind kind, String title,
            List<Criterion> criteria, boolean inUse, String createdBy, Instant createdAt, String updatedBy,
            Instant updatedAt, Long version, List<OutboxEvent> outbox) {
        this.id = id;
        this.campaignId = campaignId;
        this.unitCode = unitCode;
        this.unitPath = unitPath == null ? List.of() : List.copyOf(unitPath);
        this.kind = kind;
        this.title = title;
        this.criteria = criteria == null ? List.of() : List.copyOf(criteria);
        this.inUse = inUse;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedBy = updatedBy;
        this.updatedAt = updatedAt;
        this.version = version;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    static CriteriaSet create(String id, String campaignId, String unitCode, List<String> unitPath, ModelKind kind,
            String title, List<Criterion> criteria, String by, Instant at) {
        CriteriaSet set = new CriteriaSet(id, campaignId, unitCode, unitPath, kind, null, null, false, by, at, by, at,
                null, null);
        set.replace(title, criteria);
        return set;
    }

    /** Replaces title and criteria while no round uses it. */
    void revise(String title, List<Criterion> criteria, String by, Instant at) {
        if (inUse) {
            throw DomainException.conflict("criteria-set-in-use", this.title);
        }
        replace(title, criteria);
        this.updatedBy = by;
        this.updatedAt = at;
    }


    private void replace(String newTitle, List<Criterion> newCriteria) {
        Set<String> codes = new HashSet<>();
        for (Criterion c : newCriteria) {
            if (!codes.add(c.code())) {
                throw DomainException.unprocessable("criteria-code-repeated", c.code());
            }
        }
        if (newCriteria.stream().noneMatch(c -> !c.independent() && c.weight().signum() > 0)) {
            throw DomainException.unprocessable("criteria-nothing-counts");
        }
        this.title = Texts.nfc(newTitle);
        this.criteria = newCriteria.stream().map(c -> new Criterion(c.code(), Texts.nfc(c.titleVi()), Texts.nfc(c.titleEn()),
                Texts.nfc(c.guidance()), c.weight(), c.maxScore(), c.required(), c.independent())).toList();
    }

    /**
     * Checks a reviewer's scores: every code is a criterion, every score lies between 0 and its maximum, and — when
     * {@code complete} — every required criterion is scored.
     */
    public void check(Map<String, BigDecimal> scores, boolean complete) {
        for (Map.Entry<String, BigDecimal> score : scores.entrySet()) {
            Criterion criterion = criteria.stream().filter(c -> c.code().equals(score.getKey())).findFirst()
                    .orElseThrow(() -> DomainException.unprocessable("score-criterion-unknown", score.getKey()));
            if (score.getValue() == null || score.getValue().signum() < 0
                    || score.getValue().compareTo(criterion.maxScore()) > 0) {
                throw DomainException.unprocessable("score-out-of-range", criterion.code(), score.getValue(),
                        criterion.maxScore().stripTrailingZeros().toPlainString());
            }
        }
        if (complete) {
            List<String> missing = criteria.stream().filter(c -> c.required() && !scores.containsKey(c.code()))
                    .map(Criterion::code).toList();
            if (!missing.isEmpty()) {
                throw DomainException.unprocessable("score-required-missing", String.join(", ", missing));
            }
        }
    }

    /**
     * The weighted total out of 100 of the counted criteria a reviewer scored: each score as a share of its maximum,
     * weighted; criteria left blank (optional ones) weigh nothing.
     */
    public BigDecimal total(Map<String, BigDecimal> scores) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Criterion c : criteria) {
            BigDecimal score = scores.get(c.code());
            if (c.independent() || score == null) {
                continue;
            }
            weighted = weighted.add(score.multiply(c.weight()).divide(c.maxScore(), 10, RoundingMode.HALF_UP));
            weights = weights.add(c.weight());
        }
        return weights.signum() == 0 ? BigDecimal.ZERO
                : weighted.multiply(BigDecimal.valueOf(100)).divide(weights, 2, RoundingMode.HALF_UP);
    }


    /** What {@value #SAVED} carries: the rubric as it now stands. */
    record Saved(String criteriaSetId, String campaignId, String unitCode, ModelKind kind, String title,
            List<Criterion> criteria, Instant at) {
    }

    Saved saved(Instant at) {
        return new Saved(id, campaignId, unitCode, kind, title, criteria, at);
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }

    public String id() {
        return id;
    }

    public String campaignId() {
        return campaignId;
    }

    public String unitCode() {
        return unitCode;
    }

    public List<String> unitPath() {
        return unitPath;
    }

    public ModelKind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<Criterion> criteria() {
        return criteria;
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
