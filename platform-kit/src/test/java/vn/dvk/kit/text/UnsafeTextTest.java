package vn.dvk.kit.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsafeTextTest {

    @Test
    void vietnameseTextWithLineBreaksIsFine() {
        assertThat(UnsafeText.check("Nuôi ong lấy mật\nở thôn 3\ttổ 5", true)).isNull();
        assertThat(UnsafeText.check("Đường hoa 🌸 tự quản", false)).isNull();
    }

    @Test
    void aNulAnEscapeOrAC1ControlIsRefused() {
        assertThat(UnsafeText.check("COLLECTIVE\u0000", true)).isEqualTo(UnsafeText.Reason.CONTROL_CHARACTER);
        assertThat(UnsafeText.check("a\u001b[31mb", true)).isEqualTo(UnsafeText.Reason.CONTROL_CHARACTER);
        assertThat(UnsafeText.check("a\u0085b", true)).isEqualTo(UnsafeText.Reason.CONTROL_CHARACTER);
    }

    @Test
    void aLineBreakIsRefusedWhereOnlyOneLineIsExpected() {
        assertThat(UnsafeText.check("title\r\nInjected: header", false))
                .isEqualTo(UnsafeText.Reason.CONTROL_CHARACTER);
    }

    @Test
    void directionOverridesThatDisguiseATitleAreRefused() {
        assertThat(UnsafeText.check("Mô hình \u202Eexe.fdp", true)).isEqualTo(UnsafeText.Reason.DIRECTION_CONTROL);
        assertThat(UnsafeText.check("a\u2066b", true)).isEqualTo(UnsafeText.Reason.DIRECTION_CONTROL);
        assertThat(UnsafeText.check("a\u200Fb", true)).isEqualTo(UnsafeText.Reason.DIRECTION_CONTROL);
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        assertThat(UnsafeText.check("a\uD800b", true)).isEqualTo(UnsafeText.Reason.BROKEN_CHARACTER);
        assertThat(UnsafeText.check("a\uDC00", true)).isEqualTo(UnsafeText.Reason.BROKEN_CHARACTER);
        assertThat(UnsafeText.check("end\uD83C", true)).isEqualTo(UnsafeText.Reason.BROKEN_CHARACTER);
    }
}
