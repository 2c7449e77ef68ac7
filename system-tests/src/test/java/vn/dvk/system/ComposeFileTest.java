package vn.dvk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so docker-compose.yml is checked without one: against the Compose Specification's JSON
 * Schema, and against the project itself (the shared Dockerfile builds each service from its own module's jar, every variable it sets
 * is one the service reads, every port it publishes is the port the service listens on).
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private static JsonNode compose() throws IOException {
        Object yaml = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return JSON.valueToTree(yaml);
    }

    @Test
    void conformsToTheComposeSpecification() throws IOException {
        Path schema = ROOT.resolveSibling("shared").resolve("schemas/compose-spec.json");
        assertThat(schema).exists();
        Set<ValidationMessage> violations = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(schema.toUri()).validate(compose());
        assertThat(violations).isEmpty();
    }

    @Test
    void theSchemaCheckRejectsWhatDockerComposeWouldReject() throws IOException {
        Path schema = ROOT.resolveSibling("shared").resolve("schemas/compose-spec.json");
        JsonNode broken = JSON.valueToTree(new Yaml().load("""
                services:
                  gateway:
                    image: dvk/gateway
                    restart: sometimes
                    ports: 8080
                """));
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema.toUri())
                .validate(broken)).isNotEmpty();
    }

    @Test
    void everyBuiltServiceIsImagedFromItsOwnModulesJar() throws IOException {
        JsonNode services = compose().get("services");
        int built = 0;
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            if (!service.getValue().has("build")) {
                continue;
            }
            built++;
            JsonNode build = service.getValue().get("build");
            Path context = ROOT.resolve(build.get("context").asText()).normalize();
            assertThat(Files.readString(context.resolve("Dockerfile")))
                    .contains("COPY ${SERVICE}/target/${SERVICE}-*.jar app.jar")
                    .contains("--layers");
            assertThat(context.resolve(build.at("/args/SERVICE").asText()).resolve("pom.xml"))
                    .as(service.getKey() + " builds a module").exists();
        }
        assertThat(built).isEqualTo(4);
    }

    @Test
    void everyVariableAServiceIsGivenIsOneItReadsAndPublishedPortsAreItsOwn() throws IOException {
        JsonNode services = compose().get("services");
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            if (!service.getValue().has("build")) {
                continue;
            }
            Path module = ROOT.resolve(service.getValue().at("/build/args/SERVICE").asText()).normalize();
            Set<String> read = variablesRead(module);
            service.getValue().get("environment").properties().forEach(variable ->
                    assertThat(read).as(service.getKey() + " reads " + variable.getKey())
                            .contains(variable.getKey()));
            for (JsonNode dependency : iterable(service.getValue().path("depends_on").fieldNames())) {
                assertThat(services.has(dependency.asText())).as("depends on " + dependency).isTrue();
            }
            for (JsonNode port : service.getValue().path("ports")) {
                String container = port.asText().substring(port.asText().lastIndexOf(':') + 1);
                assertThat(service.getValue().get("environment").toString()).contains("\"" + container + "\"");
            }
        }
    }

    private static Iterable<JsonNode> iterable(java.util.Iterator<String> names) {
        java.util.List<JsonNode> nodes = new java.util.ArrayList<>();
        names.forEachRemaining(n -> nodes.add(JSON.getNodeFactory().textNode(n)));
        return nodes;
    }

    /** The environment placeholders in a module's configuration and in the kit's shared defaults. */
    private static Set<String> variablesRead(Path module) throws IOException {
        Set<String> names = new HashSet<>();
        for (Path config : new Path[] {module.resolve("src/main/resources/application.yml"),
                ROOT.resolve("platform-kit/src/main/resources/kit-defaults.properties")}) {
            Matcher m = PLACEHOLDER.matcher(Files.readString(config));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
