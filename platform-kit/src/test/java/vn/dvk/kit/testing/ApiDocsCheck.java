package vn.dvk.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * What every OpenAPI document of the platform must be, checked with swagger-parser's validating reader: it parses
 * with no message; every operation documents a 4xx answer as {@code application/problem+json}; operationIds are
 * unique and not springdoc's numbered fallbacks ({@code get_2}); no {@code *}{@code /*} media type; no internal
 * {@code /fallback} path.
 */
public final class ApiDocsCheck {

    private ApiDocsCheck() {
    }

    /** The document served at {@code baseUrl + "/v3/api-docs"}, also written to {@code target/<name>-api-docs.json}. */
    public static String fetch(String baseUrl, String name) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError("/v3/api-docs answered " + response.statusCode() + ": " + response.body());
            }
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", name + "-api-docs.json"), response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the document does wrong; empty if nothing. */
    public static List<String> defects(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        List<String> defects = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().forEach(message -> defects.add("validator: " + message));
        }
        OpenAPI api = result.getOpenAPI();
        if (api == null) {
            defects.add("no document");
            return defects;
        }
        if (json.contains("\"*/*\"")) {
            defects.add("a */* media type is documented");
        }
        Map<String, String> ids = new HashMap<>();
        if (api.getPaths() == null || api.getPaths().isEmpty()) {
            defects.add("no paths");
            return defects;
        }
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/fallback")) {
                defects.add("internal path documented: " + path);
            }
            item.readOperationsMap().forEach((method, operation) -> {
                String where = method + " " + path;
                String id = operation.getOperationId();
                if (id == null || id.isBlank()) {
                    defects.add(where + ": no operationId");
                } else if (id.matches(".*_\\d+")) {
                    defects.add(where + ": numbered operationId " + id);
                } else if (ids.put(id, where) != null) {
                    defects.add(where + ": operationId " + id + " also names " + ids.get(id));
                }
                if (!documentsProblem(api, operation)) {
                    defects.add(where + ": no 4xx response as application/problem+json");
                }
            });
        });
        return defects;
    }

    /** How many operations and how many responses the document has, e.g. {@code [42, 380]}. */
    public static int[] counts(String json) {
        ParseOptions options = new ParseOptions();
        OpenAPI api = new OpenAPIV3Parser().readContents(json, null, options).getOpenAPI();
        int[] counts = new int[2];
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            counts[0]++;
            counts[1] += operation.getResponses() == null ? 0 : operation.getResponses().size();
        }));
        return counts;
    }

    private static boolean documentsProblem(OpenAPI api, Operation operation) {
        if (operation.getResponses() == null) {
            return false;
        }
        for (Map.Entry<String, ApiResponse> entry : operation.getResponses().entrySet()) {
            if (!entry.getKey().startsWith("4")) {
                continue;
            }
            ApiResponse response = entry.getValue();
            if (response.get$ref() != null && api.getComponents() != null && api.getComponents().getResponses() != null) {
                response = api.getComponents().getResponses()
                        .get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1));
            }
            Content content = response == null ? null : response.getContent();
            if (content != null && content.get("application/problem+json") != null
                    && content.get("application/problem+json").getSchema() != null) {
                return true;
            }
        }
        return false;
    }
}
