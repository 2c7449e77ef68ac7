package vn.dvk.kit.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class VietnameseOrderTest {

    private static List<String> sorted(String... titles) {
        return java.util.Arrays.stream(titles).sorted(Comparator.comparing(VietnameseOrder::sortKey)).toList();
    }

    @Test
    void shouldFollowTheVietnameseAlphabetNotUnicodeOrder() {
        assertThat(sorted("Đường hoa", "Dân vận", "Ân nghĩa", "Bảo vệ", "Ăn sạch", "An toàn"))
                .containsExactly("An toàn", "Ăn sạch", "Ân nghĩa", "Bảo vệ", "Dân vận", "Đường hoa");
        assertThat(sorted("Ươm mầm", "Uống nước", "Ông bà", "Ơn nghĩa", "Ong mật"))
                .containsExactly("Ong mật", "Ông bà", "Ơn nghĩa", "Uống nước", "Ươm mầm");
    }

    @Test
    void shouldOrderTonesAfterLettersInDictionaryOrder() {
        assertThat(sorted("má", "ma", "mạ", "mả", "mà", "mã")).containsExactly("ma", "mà", "mả", "mã", "má", "mạ");
        assertThat(sorted("mai", "mạ")).as("letters decide before tones")
                .containsExactly("mạ", "mai");
    }

    @Test
    void shouldIgnoreCaseAndPutShorterWordsFirst() {
        assertThat(sorted("nuôi ong", "Nuôi", "NUÔI CÁ")).containsExactly("Nuôi", "NUÔI CÁ", "nuôi ong");
    }
}
