package vn.dvk.evaluation.round;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import vn.dvk.evaluation.rubric.ModelKind;
import vn.dvk.kit.testing.Violations;

/** The caps of a round, its panel, a scorecard and a decision, one rule per test. */
class RoundLimitsTest {

    private static RoundForm round(LocalDate opens, LocalDate closes, Map<ModelKind, String> criteriaSets) {
        return new RoundForm("01J9Z8Q4R5S6T7U8V9W0X1Y2Z3", "01", Level.COMMUNE, "Chấm mô hình cấp xã", opens, closes,
                criteriaSets, 2, null, null);
    }

    private static final PanelMember REVIEWER = new PanelMember("reviewer.01", "01", "Ủy viên tỉnh");

    @Test
    void aRoundWithinEveryCapIsAccepted() {
        assertThat(Violations.of(round(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31),
                Map.of(ModelKind.COLLECTIVE, "01J9Z8Q4R5S6T7U8V9W0X1Y2Z4")))).isEmpty();
    }

    @Test
    void datesInTheYear999999999AreRefused() {
        assertThat(Violations.of(round(LocalDate.MIN, LocalDate.MAX, Map.of(ModelKind.COLLECTIVE, "x"))))
                .containsExactly("closes", "opens");
    }

    @Test
    void aRubricNamedAsNullIsRefusedAsAFieldError() {
        Map<ModelKind, String> sets = new HashMap<>();
        sets.put(ModelKind.COLLECTIVE, null);
        assertThat(Violations.of(round(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), sets)))
                .containsExactly("criteriaSets[COLLECTIVE]");
    }

    @Test
    void nullInsideThePanelIsRefusedAsAFieldError() {
        assertThat(Violations.of(new RoundController.Panel(Arrays.asList(REVIEWER, null))))
                .containsExactly("members[1]");
    }

    @Test
    void nullOrBlankReviewersOfAnAssignmentAreRefused() {
        assertThat(Violations.of(new RoundController.AssignmentRequest(Arrays.asList("reviewer.01", null, " "),
                null, null, "99"))).containsExactly("reviewers[1]", "reviewers[2]");
    }

    @Test
    void aScoreOfAHugeMagnitudeIsRefused() {
        assertThat(Violations.named(new RoundController.ScoreForm(Map.of("TT1", new BigDecimal("1e100000")), null,
                null))).containsExactly("Points scores[TT1]");
        assertThat(Violations.of(new RoundController.ScoreForm(Map.of("TT1", new BigDecimal("8.5")), "Tốt",
                null))).isEmpty();
    }

    @Test
    void aDecisionDatedInTheYear999999999IsRefused() {
        assertThat(Violations.of(new DecisionForm("125/QĐ-BCĐ", LocalDate.MAX, "Trưởng ban", "Ban Chỉ đạo tỉnh")))
                .containsExactly("date");
    }

    @Test
    void votesBeyondTenMillionAreRefused() {
        assertThat(Violations.of(new DeliberationForm(Integer.MAX_VALUE, 0, 0, Tier.RECOGNISED, null, null, null)))
                .containsExactly("votesFor");
    }
}
