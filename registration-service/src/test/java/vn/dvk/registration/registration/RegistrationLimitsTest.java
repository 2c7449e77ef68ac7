package vn.dvk.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import vn.dvk.registration.Limits;
import vn.dvk.kit.validation.PlausibleDate;
import vn.dvk.kit.testing.Violations;

/** The caps of a registration form, a progress report and a replication, one rule per test. */
class RegistrationLimitsTest {

    private static final BigDecimal HUGE = new BigDecimal("1e100000");
    private static final LocalDate FAR_FUTURE = LocalDate.MAX;

    private static RegistrationForm form(String title, List<RegistrationForm.Indicator> indicators,
            LocalDate startDate) {
        return new RegistrationForm("01J9Z8Q4R5S6T7U8V9W0X1Y2Z3", "00004", null, title, ModelKind.COLLECTIVE,
                Field.ECONOMY, null, new RegistrationForm.Owner(RegistrationForm.OwnerType.ORGANISATION,
                        "Hội Nông dân phường", null, null, null),
                new RegistrationForm.Place("Tổ dân phố số 3", "00004"), "Nuôi ong lấy mật", "50 hộ tham gia",
                indicators, startDate, null, true);
    }

    private static RegistrationForm.Indicator indicator(BigDecimal target) {
        return new RegistrationForm.Indicator("Diện tích", "ha", new BigDecimal("0.6"), target, null);
    }

    @Test
    void aFormWithinEveryCapIsAccepted() {
        assertThat(Violations.of(form("x".repeat(Limits.TITLE), List.of(indicator(new BigDecimal("20"))),
                LocalDate.of(2026, 10, 15)))).isEmpty();
    }

    @Test
    void aTitleOf301CharactersIsRefused() {
        assertThat(Violations.of(form("x".repeat(301), List.of(), null))).containsExactly("title");
    }

    @Test
    void aDescriptionBeyondTenThousandCharactersIsRefused() {
        RegistrationForm f = form("Nuôi ong lấy mật", List.of(), null);
        RegistrationForm longer = new RegistrationForm(f.campaignId(), f.unitCode(), null, f.title(), f.kind(),
                f.field(), null, f.owner(), f.place(), "x".repeat(Limits.TEXT + 1), "y".repeat(Limits.TEXT + 1),
                f.indicators(), null, null, true);
        assertThat(Violations.of(longer)).containsExactly("description", "goals");
    }

    @Test
    void anOwnerNameBeyondTheContractsTwoHundredCharactersIsRefused() {
        RegistrationForm f = form("Nuôi ong lấy mật", List.of(), null);
        assertThat(Violations.of(f.withOwner(new RegistrationForm.Owner(RegistrationForm.OwnerType.PERSON,
                "x".repeat(201), null, null, null)))).containsExactly("owner.name");
    }

    @Test
    void nullInsideIndicatorsIsRefusedAsAFieldError() {
        assertThat(Violations.of(form("Nuôi ong lấy mật", Arrays.asList(indicator(BigDecimal.ONE), null), null)))
                .containsExactly("indicators[1]");
    }

    @Test
    void moreThanFiftyIndicatorsAreRefused() {
        assertThat(Violations.of(form("Nuôi ong lấy mật", java.util.Collections.nCopies(Limits.INDICATORS + 1,
                indicator(BigDecimal.ONE)), null))).containsExactly("indicators");
    }

    @Test
    void anIndicatorOfAHugeMagnitudeOrPrecisionIsRefused() {
        assertThat(Violations.named(form("Nuôi ong lấy mật", List.of(indicator(HUGE)), null)))
                .containsExactly("Measure indicators[0].target");
        assertThat(Violations.of(form("Nuôi ong lấy mật", List.of(indicator(new BigDecimal("1e-100000"))), null)))
                .containsExactly("indicators[0].target");
        assertThat(Violations.of(form("Nuôi ong lấy mật", List.of(indicator(new BigDecimal("1e16"))), null)))
                .containsExactly("indicators[0].target");
        assertThat(Violations.of(form("Nuôi ong lấy mật", List.of(indicator(new BigDecimal("-5000000000.1234"))),
                null))).as("money may be large, and a target negative").isEmpty();
    }

    @Test
    void aDateBeyondTheCalendarIsRefused() {
        assertThat(Violations.named(form("Nuôi ong lấy mật", List.of(), FAR_FUTURE)))
                .containsExactly("PlausibleDate startDate");
        assertThat(Violations.of(form("Nuôi ong lấy mật", List.of(), LocalDate.of(1899, 12, 31))))
                .containsExactly("startDate");
    }

    @Test
    void aProgressReportWithANullActualOrAnAbsurdDateIsRefused() {
        assertThat(Violations.of(new Progress.ReportForm(LocalDate.of(2026, 6, 30),
                Arrays.asList(new Progress.Actual("Diện tích", BigDecimal.TEN), null), "Đạt")))
                .containsExactly("indicators[1]");
        assertThat(Violations.of(new Progress.ReportForm(FAR_FUTURE, List.of(), "Đạt")))
                .containsExactly("reportedOn");
        assertThat(Violations.of(new Progress.ReportForm(LocalDate.of(2026, 6, 30),
                List.of(new Progress.Actual("Diện tích", HUGE)), "Đạt"))).containsExactly("indicators[0].actual");
    }

    @Test
    void anAttachmentCaptionWithAControlOrBidiCharacterIsRefused() {
        assertThat("Ảnh hội nghị\tngày 15/10".matches(Limits.PLAIN_TEXT)).isTrue();
        assertThat("Ảnh \u202Efdp.exe".matches(Limits.PLAIN_TEXT)).isFalse();
        assertThat("Ảnh\u0000".matches(Limits.PLAIN_TEXT)).isFalse();
        assertThat("Ảnh\u0085".matches(Limits.PLAIN_TEXT)).isFalse();
    }

    @Test
    void anAttachmentsFileNameLosesBidiControlsSoItShowsAsWhatItIs() {
        assertThat(EvidenceDesk.safeName("hoadon\u202Efdp.exe", Evidence.Kind.PDF)).isEqualTo("hoadonfdp.exe.pdf");
        assertThat(EvidenceDesk.safeName("C:\\tmp\\Biên bản.pdf", Evidence.Kind.PDF)).isEqualTo("Biên bản.pdf");
    }

    @Test
    void aReplicationOfAbsurdSizeIsRefused() {
        assertThat(Violations.of(new Progress.ReplicationForm("Phường Ngọc Hà", "00008", 35, new BigDecimal("2.5"),
                1, null))).isEmpty();
        assertThat(Violations.of(new Progress.ReplicationForm("Phường Ngọc Hà", "00008", Limits.COUNT_MAX + 1,
                HUGE, Limits.COUNT_MAX + 1, "x".repeat(Limits.NOTE + 1))))
                .containsExactly("hectares", "households", "note", "units");
    }
}
