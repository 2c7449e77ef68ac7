package vn.dvk.kit.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which links count as evidence a person may follow. */
class HttpUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://vanban.example/bc-2027.pdf", "http://dvk.vn", "HTTPS://DVK.VN/A?b=c#d",
            "https://dvk.vn:8443/van-ban/báo-cáo.pdf", " https://dvk.vn/x ", "https://dânvận.vn/tin-tức"})
    void anAbsoluteHttpOrHttpsAddressIsAccepted(String url) {
        assertThat(new HttpUrl.Validator().isValid(url, null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript://dvk.vn/%0Aalert(1)", "data:text/html,<b>x</b>",
            "file:///etc/passwd", "ftp://dvk.vn/x", "//evil.example/x", "/van-ban/x.pdf", "dvk.vn/x", "https://",
            "https:///x", "http:dvk.vn", "https://user:pass@dvk.vn/x", "https://dvk.vn@evil.example/x",
            "https://dvk vn/x", "", "   "})
    void anythingElseIsRefused(String url) {
        assertThat(new HttpUrl.Validator().isValid(url, null)).isFalse();
    }
}
