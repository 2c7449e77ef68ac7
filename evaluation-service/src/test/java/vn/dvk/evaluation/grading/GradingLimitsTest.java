package vn.dvk.evaluation.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import vn.dvk.evaluation.Limits;
import vn.dvk.kit.validation.HttpUrl;
import vn.dvk.kit.testing.Violations;

/** The caps of a grading scheme, a self-assessment and an adjustment, one rule per test. */
class GradingLimitsTest {

    private static final BigDecimal HUGE = new BigDecimal("1e100000");
    private static final GradingScheme.Criterion TC1 = new GradingScheme.Criterion("TC1", "Lãnh đạo, chỉ đạo", null,
            BigDecimal.valueOf(45), BigDecimal.valueOf(5));
    private static final GradingScheme.Threshold FLOOR = new GradingScheme.Threshold("YEU", "Yếu", BigDecimal.ZERO);

    private static SchemeForm scheme(List<GradingScheme.Criterion> criteria, BigDecimal bonusMax,
            List<GradingScheme.Threshold> thresholds, LocalDate due) {
        return new SchemeForm("01", 2027, GradingScheme.Subject.UNIT, "Xếp loại công tác dân vận năm 2027", criteria,
                bonusMax, thresholds, due);
    }

    private static GradingController.SelfAssessment assessment(Map<String, BigDecimal> scores,
            List<Grading.Evidence> evidence) {
        return new GradingController.SelfAssessment(scores, BigDecimal.ONE, "Hoàn thành tốt nhiệm vụ", evidence);
    }

    private static final Grading.Evidence REPORT = new Grading.Evidence("Báo cáo công tác dân vận năm 2027",
            "https://vanban.example/bc-2027.pdf");

    @Test
    void aSchemeAndASelfAssessmentWithinEveryCapAreAccepted() {
        assertThat(Violations.of(scheme(List.of(TC1), BigDecimal.valueOf(5), List.of(FLOOR),
                LocalDate.of(2027, 11, 30)))).isEmpty();
        assertThat(Violations.of(assessment(Map.of("TC1", new BigDecimal("44.5")), List.of(REPORT)))).isEmpty();
    }

    @Test
    void nullInsideCriteriaOrThresholdsIsRefusedAsAFieldError() {
        assertThat(Violations.of(scheme(Arrays.asList(TC1, null), null, Arrays.asList(null, FLOOR), null)))
                .containsExactly("criteria[1]", "thresholds[0]");
    }

    @Test
    void pointsOfAHugeMagnitudeOrPrecisionAreRefused() {
        GradingScheme.Criterion huge = new GradingScheme.Criterion("TC1", "Lãnh đạo", null, HUGE,
                new BigDecimal("1e-100000"));
        assertThat(Violations.named(scheme(List.of(huge), HUGE, List.of(new GradingScheme.Threshold("YEU", "Yếu",
                HUGE)), null))).containsExactly("DecimalMax thresholds[0].minPoints", "Digits thresholds[0].minPoints",
                "Points bonusMax", "Points criteria[0].selfMax", "Points criteria[0].superiorMax");
        assertThat(Violations.of(new AdjustmentForm("TC1", Grading.Part.SELF, HUGE, "Sai số liệu")))
                .containsExactly("score");
    }

    @Test
    void aSelfDueDateInTheYear999999999IsRefused() {
        assertThat(Violations.of(scheme(List.of(TC1), null, List.of(FLOOR), LocalDate.MAX)))
                .containsExactly("selfAssessmentDue");
    }

    @Test
    void anEvidenceUrlWithJavascriptIsRefused() {
        assertThat(Violations.named(assessment(Map.of(), List.of(new Grading.Evidence("Báo cáo",
                "javascript:alert(document.cookie)"))))).containsExactly("HttpUrl evidence[0].url");
        assertThat(Violations.of(assessment(Map.of(), List.of(new Grading.Evidence("Ảnh",
                "data:image/png;base64,AA=="), new Grading.Evidence("Tệp", "file:///C:/bao-cao.docx")))))
                .containsExactly("evidence[0].url", "evidence[1].url");
    }

    @Test
    void anEvidenceTitleOf301CharactersOrAUrlBeyond2000IsRefused() {
        assertThat(Violations.of(assessment(Map.of(), List.of(new Grading.Evidence("x".repeat(301),
                "https://vanban.example/" + "a".repeat(Limits.URL)))))).containsExactly("evidence[0].title",
                "evidence[0].url");
    }

    @Test
    void nullInsideEvidenceOrAsAScoreIsRefused() {
        Map<String, BigDecimal> scores = new HashMap<>();
        scores.put("TC1", null);
        assertThat(Violations.of(assessment(scores, Arrays.asList(REPORT, null))))
                .containsExactly("evidence[1]", "scores[TC1]");
    }

    @Test
    void aScoreOfAHugeMagnitudeIsRefused() {
        assertThat(Violations.of(assessment(Map.of("TC1", HUGE), List.of()))).containsExactly("scores[TC1]");
    }

    @Test
    void moreEvidenceThanTheCapIsRefused() {
        assertThat(Violations.of(assessment(Map.of(), Collections.nCopies(Limits.EVIDENCE + 1, REPORT))))
                .containsExactly("evidence");
    }
}
