package vn.dvk.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestHygieneFilterTest {

    @Test
    void ordinaryQueriesPass() {
        assertThat(RequestHygieneFilter.badQueryParameter(null)).isNull();
        assertThat(RequestHygieneFilter.badQueryParameter("unitCode=00004&q=nu%C3%B4i+ong&page=0&flag")).isNull();
    }

    @Test
    void aValueThatIsNotUtf8IsNamed() {
        assertThat(RequestHygieneFilter.badQueryParameter("page=0&unitCode=%FF")).isEqualTo("unitCode");
        assertThat(RequestHygieneFilter.badQueryParameter("q=%C3")).isEqualTo("q");
    }

    @Test
    void aBrokenPercentEscapeIsNamed() {
        assertThat(RequestHygieneFilter.badQueryParameter("q=50%")).isEqualTo("q");
        assertThat(RequestHygieneFilter.badQueryParameter("q=%G1")).isEqualTo("q");
    }

    @Test
    void controlCharactersInAValueAreRefused() {
        assertThat(RequestHygieneFilter.badQueryParameter("q=a%00b")).isEqualTo("q");
        assertThat(RequestHygieneFilter.badQueryParameter("kind=COLLECTIVE%00")).isEqualTo("kind");
        assertThat(RequestHygieneFilter.badQueryParameter("q=a%0Ab")).isEqualTo("q");
    }

    @Test
    void aBadParameterNameIsNotEchoed() {
        assertThat(RequestHygieneFilter.badQueryParameter("%FF=1")).isEqualTo("?");
    }
}
