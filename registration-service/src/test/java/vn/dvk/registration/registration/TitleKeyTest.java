package vn.dvk.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;

class TitleKeyTest {

    @Test
    void shouldFoldAccentsCaseSpacingAndTheLetterDd() {
        assertThat(TitleKey.of("  Nuôi  ONG lấy mật ")).isEqualTo("nuoi ong lay mat");
        assertThat(TitleKey.of("Đường hoa Đoàn Thanh niên")).isEqualTo("duong hoa doan thanh nien");
        assertThat(TitleKey.of("Nuôi ong lấy mật")).isEqualTo(TitleKey.of("nuoi ong lay mat"));
    }

    @Test
    void shouldGiveTheSameKeyForComposedAndDecomposedText() {
        String composed = "Dân vận khéo ở phường";
        assertThat(TitleKey.of(Normalizer.normalize(composed, Normalizer.Form.NFD))).isEqualTo(TitleKey.of(composed));
    }

    @Test
    void shouldKeepDifferentWordsApart() {
        assertThat(TitleKey.of("Nuôi ong")).isNotEqualTo(TitleKey.of("Nuôi cá"));
    }
}
