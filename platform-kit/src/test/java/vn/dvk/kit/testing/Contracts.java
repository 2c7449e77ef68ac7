package vn.dvk.kit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The event contract in {@code contracts/} as tests use it: the schema and the example of an event type, and a check
 * that a payload matches the schema. Event type {@code vn.dvk.registration.submitted.v1} lives in
 * {@code contracts/schemas/registration.submitted.v1.json} and {@code contracts/examples/registration.submitted.v1.json}.
 */
public final class Contracts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private Contracts() {
    }

    public static String fileName(String eventType) {
        if (!eventType.startsWith("vn.dvk.")) {
            throw new IllegalArgumentException("not a DVK event type: " + eventType);
        }
        return eventType.substring("vn.dvk.".length()) + ".json";
    }

    /** The example payload of an event type, as JSON text. */
    public static String example(String eventType) {
        return read("contracts/examples/" + fileName(eventType));
    }

    /** The schema violations of {@code payload} against the type's schema; empty when it conforms. */
    public static Set<ValidationMessage> violations(String eventType, String payload) {
        JsonSchema schema = FACTORY.getSchema(read("contracts/schemas/" + fileName(eventType)));
        try {
            JsonNode node = JSON.readTree(payload);
            return schema.validate(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract file " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
