package vn.dvk.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class RoutedPathTest {

    /** The default of {@code dvk.gateway.expensive-paths}. */
    private static final Pattern EXPENSIVE =
            Pattern.compile("/api/[^/]+/(.*/)?([^/]*imports?|[^/]*export[^/]*|search|reports?)(/.*)?");

    private static boolean expensive(String rawPath) {
        return EXPENSIVE.matcher(RoutedPath.of(rawPath)).matches();
    }

    @Test
    void anExportSpelledWithEscapesIsStillAnExport() {
        assertThat(expensive("/api/registration/registrations/export.xlsx")).isTrue();
        assertThat(expensive("/api/registration/registrations/%65xport.xlsx")).isTrue();
        assertThat(expensive("/api/evaluation/%72eports/review")).isTrue();
    }

    @Test
    void dotSegmentsEmptySegmentsAndMatrixParametersDoNotHideThePath() {
        assertThat(RoutedPath.of("/api//registration/./x/../registrations;jsessionid=1/export.xlsx"))
                .isEqualTo("/api/registration/registrations/export.xlsx");
        assertThat(expensive("/api/evaluation/x/..%2F../reports/review")).isTrue();
    }

    @Test
    void importsOfEveryKindAreExpensive() {
        assertThat(expensive("/api/notification/recipients/import")).isTrue();
        assertThat(expensive("/api/registration/campaigns/c1/registration-imports")).isTrue();
        assertThat(expensive("/api/registration/units/historical-imports")).isTrue();
    }

    @Test
    void ordinaryCallsAreNot() {
        assertThat(expensive("/api/registration/registrations/01a2")).isFalse();
        assertThat(expensive("/api/notification/inbox/mine")).isFalse();
    }

    @Test
    void aListWithFreeTextIsASearch() {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        assertThat(RoutedPath.isSearch(query)).isFalse();
        query.add("q", " ");
        assertThat(RoutedPath.isSearch(query)).isFalse();
        query.add("q", "nuoi ong");
        assertThat(RoutedPath.isSearch(query)).isTrue();
    }
}
