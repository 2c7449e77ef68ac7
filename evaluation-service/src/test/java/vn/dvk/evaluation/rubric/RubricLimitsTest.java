package vn.dvk.evaluation.rubric;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import vn.dvk.evaluation.Limits;
import vn.dvk.kit.testing.Violations;

/** The caps of a rubric, one rule per test. */
class RubricLimitsTest {

    private static Criterion criterion(BigDecimal weight, BigDecimal maxScore) {
        return new Criterion("TT1", "Sáng tạo, tiết kiệm thời gian và chi phí", null, null, weight, maxScore, true,
                false);
    }

    private static RubricForm rubric(List<Criterion> criteria) {
        return new RubricForm("01J9Z8Q4R5S6T7U8V9W0X1Y2Z3", "01", ModelKind.COLLECTIVE, "Tiêu chí", criteria);
    }

    @Test
    void theDefaultRubricsAreWithinEveryCap() {
        assertThat(Violations.of(rubric(DefaultRubrics.of(ModelKind.COLLECTIVE)))).isEmpty();
        assertThat(Violations.of(rubric(DefaultRubrics.of(ModelKind.INDIVIDUAL)))).isEmpty();
    }

    @Test
    void nullInsideCriteriaIsRefusedAsAFieldError() {
        assertThat(Violations.of(rubric(Arrays.asList(null, criterion(BigDecimal.TEN, BigDecimal.TEN)))))
                .containsExactly("criteria[0]");
    }

    @Test
    void aWeightOrMaximumOfAHugeMagnitudeOrPrecisionIsRefused() {
        assertThat(Violations.named(rubric(List.of(criterion(new BigDecimal("1e100000"),
                new BigDecimal("1e-100000")))))).containsExactly("Points criteria[0].maxScore",
                "Points criteria[0].weight");
        assertThat(Violations.of(rubric(List.of(criterion(BigDecimal.TEN, BigDecimal.ZERO)))))
                .as("a maximum of 0 would divide by zero").containsExactly("criteria[0].maxScore");
    }

    @Test
    void aTitleOf301CharactersIsRefused() {
        assertThat(Violations.of(new RubricForm("c", "01", ModelKind.COLLECTIVE, "x".repeat(301), null)))
                .containsExactly("title");
        assertThat(Violations.of(rubric(List.of(new Criterion("TT1", "x".repeat(301), null, null, BigDecimal.TEN,
                BigDecimal.TEN, true, false))))).containsExactly("criteria[0].titleVi");
    }

    @Test
    void moreCriteriaThanTheCapAreRefused() {
        assertThat(Violations.of(rubric(Collections.nCopies(Limits.CRITERIA + 1, criterion(BigDecimal.TEN,
                BigDecimal.TEN))))).containsExactly("criteria");
    }
}
