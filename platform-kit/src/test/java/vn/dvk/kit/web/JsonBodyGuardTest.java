package vn.dvk.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.problem.FieldProblem;

class JsonBodyGuardTest {

    private final JsonBodyGuard guard = new JsonBodyGuard(1_000, JsonMapper.builder().build(),
            new StaticMessageSource());

    private List<FieldProblem> scan(String json) {
        return guard.scan(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOrdinaryRegistrationPasses() {
        assertThat(scan("{\"title\":\"Nuôi ong lấy mật\",\"goals\":\"Dòng 1\\nDòng 2\","
                + "\"indicators\":[{\"name\":\"Số hộ\",\"target\":50.5}]}")).isEmpty();
    }

    @Test
    void aNulInsideAnEnumValueIsRefusedAtItsField() {
        assertThat(scan("{\"kind\":\"COLLECTIVE\\u0000\"}")).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kind", "ControlCharacter"));
    }

    @Test
    void aBidiOverrideDeepInsideIsRefusedWithItsPath() {
        assertThat(scan("{\"indicators\":[{\"name\":\"ok\"},{\"name\":\"a\\u202Eb\"}]}"))
                .extracting(FieldProblem::field).containsExactly("indicators[1].name");
    }

    @Test
    void aNumberBeyondADoubleIsRefused() {
        assertThat(scan("{\"target\":1e100000}")).extracting(FieldProblem::code).containsExactly("NotFinite");
    }

    @Test
    void aStringLongerThanAnyFieldIsRefused() {
        assertThat(scan("{\"title\":\"" + "a".repeat(JsonBodyGuard.MAX_STRING_LENGTH + 1) + "\"}"))
                .extracting(FieldProblem::code).containsExactly("Size");
    }

    @Test
    void nestingDeeperThanAnyRequestIsRefused() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThat(scan(deep)).extracting(FieldProblem::code).containsExactly("TooDeep");
    }

    @Test
    void aListLongerThanAnyRequestCarriesIsRefusedAtItsField() {
        String items = String.join(",", java.util.Collections.nCopies(JsonBodyGuard.MAX_ARRAY_LENGTH + 1, "\"INBOX\""));
        assertThat(scan("{\"channels\":[" + items + "]}")).extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("channels[10000]", "Size"));
        String objects = String.join(",", java.util.Collections.nCopies(JsonBodyGuard.MAX_ARRAY_LENGTH, "{}"));
        assertThat(scan("{\"quotas\":[" + objects + "]}")).as("exactly at the limit").isEmpty();
    }

    @Test
    void aDecimalWithAbsurdlyManyPlacesIsRefused() {
        assertThat(scan("{\"hectares\":1e-100000}")).extracting(FieldProblem::code).containsExactly("NotFinite");
        assertThat(scan("{\"hectares\":0.0001}")).isEmpty();
    }

    @Test
    void somethingThatIsNotJsonIsLeftToTheConverter() {
        assertThat(scan("{\"title\": nope")).isEmpty();
    }

    @Test
    void aBodyLongerThanTheLimitIsRefusedWhileReadingWhateverItsDeclaredLength() throws java.io.IOException {
        assertThatThrownBy(() -> JsonBodyGuard.readAtMost(new ByteArrayInputStream(new byte[1_001]), 1_000))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo("payload-too-large"));
        assertThat(JsonBodyGuard.readAtMost(new ByteArrayInputStream(new byte[1_000]), 1_000)).hasSize(1_000);
    }
}
