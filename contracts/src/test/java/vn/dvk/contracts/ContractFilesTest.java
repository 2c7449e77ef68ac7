package vn.dvk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The contract is coherent: every event type has a schema and an example that conforms, and AsyncAPI names them. */
class ContractFilesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyExampleConformsToTheSchemaOfItsType() throws IOException {
        List<Path> schemas = files("schemas");
        assertThat(schemas).isNotEmpty();
        for (Path schemaFile : schemas) {
            Path example = ROOT.resolve("examples").resolve(schemaFile.getFileName());
            assertThat(example).as("example for " + schemaFile.getFileName()).exists();
            Set<ValidationMessage> violations = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(schemaFile)).validate(JSON.readTree(example.toFile()));
            assertThat(violations).as(example.toString()).isEmpty();
        }
    }

    @Test
    void everySchemaIsTitledWithItsEventTypeAndNamedAfterIt() throws IOException {
        for (Path schemaFile : files("schemas")) {
            JsonNode schema = JSON.readTree(schemaFile.toFile());
            String type = schema.path("title").asText();
            assertThat(type).startsWith("vn.dvk.").endsWith(".v1");
            assertThat(schemaFile.getFileName().toString()).isEqualTo(type.substring("vn.dvk.".length()) + ".json");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void asyncApiDescribesEveryEventTypeAndOnlyExistingFiles() throws IOException {
        Map<String, Object> asyncApi;
        try (var in = Files.newInputStream(ROOT.resolve("asyncapi.yaml"))) {
            asyncApi = new Yaml().load(in);
        }
        assertThat(asyncApi.get("asyncapi")).isEqualTo("3.0.0");
        Map<String, Object> messages = (Map<String, Object>) ((Map<String, Object>) asyncApi.get("components"))
                .get("messages");
        List<String> typesInAsyncApi = new ArrayList<>();
        for (Object m : messages.values()) {
            Map<String, Object> message = (Map<String, Object>) m;
            String name = (String) message.get("name");
            Map<String, Object> payload = (Map<String, Object>) message.get("payload");
            assertThat(payload.get("schemaFormat")).as(name + " payload's schemaFormat")
                    .isEqualTo("application/schema+json;version=draft-2020-12");
            if (!name.startsWith("vn.dvk.")) {
                continue; // the dead letter: not an event type of its own, it carries any of them
            }
            typesInAsyncApi.add(name);
            String payloadRef = (String) ((Map<String, Object>) payload.get("schema")).get("$ref");
            assertThat(ROOT.resolve(payloadRef)).exists();
            assertThat(payloadRef).isEqualTo("schemas/" + name.substring("vn.dvk.".length()) + ".json");
        }
        List<String> typesWithSchemas = files("schemas").stream()
                .map(p -> "vn.dvk." + p.getFileName().toString().replaceFirst("\\.json$", "")).toList();
        assertThat(typesInAsyncApi).containsExactlyInAnyOrderElementsOf(typesWithSchemas);
    }

    @Test
    void aPayloadMissingARequiredFieldIsRejectedBySchema() throws IOException {
        JsonNode broken = JSON.readTree("{\"registrationId\":\"x\",\"unitCode\":\"4\",\"title\":\"t\",\"kind\":\"TEAM\"}");
        Set<ValidationMessage> violations = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(ROOT.resolve("schemas/registration.submitted.v1.json"))).validate(broken);
        assertThat(violations).extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("field"))
                .anySatisfy(m -> assertThat(m).contains("unitCode"))
                .anySatisfy(m -> assertThat(m).contains("kind"));
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }
}
