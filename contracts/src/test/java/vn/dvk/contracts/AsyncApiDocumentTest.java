package vn.dvk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code asyncapi.yaml} is a valid AsyncAPI 3.0.0 document: checked against the official JSON Schema of the
 * specification ({@code @asyncapi/specs} 6.11.1, {@code schemas/3.0.0-without-$id.json}, a draft-07 schema whose
 * references are all internal, so nothing is fetched), kept in {@code src/test/resources/asyncapi-specs/} with its
 * Apache-2.0 licence and notice.
 */
class AsyncApiDocumentTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema ASYNCAPI_3_0_0 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(SchemaLocation.of("classpath:asyncapi-specs/asyncapi-3.0.0.schema.json"));

    @Test
    void theDocumentIsValidAsyncApi3() throws IOException {
        JsonNode document = document();
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(ASYNCAPI_3_0_0.validate(document)).isEmpty();
    }

    @Test
    void anInvalidDocumentIsRejected() throws IOException {
        ObjectNode wrongAddress = (ObjectNode) document();
        ((ObjectNode) wrongAddress.path("channels").path("registrationEvents")).put("address", 42);
        assertThat(ASYNCAPI_3_0_0.validate(wrongAddress)).as("a channel address that is not a string")
                .extracting(ValidationMessage::getMessage).isNotEmpty()
                .anySatisfy(m -> assertThat(m).contains("address"));

        ObjectNode asyncApi2Verb = (ObjectNode) document();
        ((ObjectNode) asyncApi2Verb.path("operations").path("publishRegistrationEvents")).put("action", "publish");
        assertThat(ASYNCAPI_3_0_0.validate(asyncApi2Verb)).as("an operation whose action is neither send nor receive")
                .extracting(ValidationMessage::getMessage).isNotEmpty()
                .anySatisfy(m -> assertThat(m).contains("action"));

        ObjectNode noProtocol = (ObjectNode) document();
        ((ObjectNode) noProtocol.path("servers").path("localGateway")).remove("protocol");
        assertThat(ASYNCAPI_3_0_0.validate(noProtocol)).as("a server without its protocol").isNotEmpty();
    }

    @Test
    void everyReferenceInTheDocumentResolves() throws IOException {
        JsonNode document = document();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            } else {
                assertThat(ROOT.resolve(ref)).as(ref).exists();
            }
        }
    }

    @Test
    void theStatisticsStreamIsOnTheHttpServerAndTheTopicsOnKafka() throws IOException {
        JsonNode document = document();
        assertThat(document.at("/servers/localGateway/protocol").asText()).isEqualTo("http");
        assertThat(document.at("/servers/local/protocol").asText()).isEqualTo("kafka");
        Iterator<Map.Entry<String, JsonNode>> channels = document.path("channels").fields();
        while (channels.hasNext()) {
            Map.Entry<String, JsonNode> channel = channels.next();
            String expected = channel.getValue().path("address").asText().startsWith("/")
                    ? "#/servers/localGateway" : "#/servers/local";
            assertThat(channel.getValue().path("servers").findValuesAsText("$ref")).as(channel.getKey())
                    .containsExactly(expected);
        }
        assertThat(Set.of("registration-service.dlq", "evaluation-service.dlq", "notification-service.dlq"))
                .allSatisfy(dlq -> assertThat(document.path("channels").findValuesAsText("address")).contains(dlq));
    }

    static JsonNode document() throws IOException {
        try (var in = Files.newInputStream(ROOT.resolve("asyncapi.yaml"))) {
            Object yaml = new Yaml().load(in);
            return JSON.valueToTree(yaml);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectRefs(element, refs));
        }
    }
}
