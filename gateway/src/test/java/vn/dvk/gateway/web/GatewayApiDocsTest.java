package vn.dvk.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The gateway's own OpenAPI document at {@code /v3/api-docs}: valid for swagger-parser (no parameter without a
 * schema), its errors as problem details, unique operationIds, no {@code *}{@code /*}, no internal
 * {@code /fallback} route. (Nothing is called behind the gateway: no service, store or identity provider is needed.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApiDocsTest {

    @LocalServerPort
    int port;

    @Test
    void shouldServeAValidDocumentOfItsOwnEndpointsOnly() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        String json = response.body();

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, new ParseOptions());
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(json).doesNotContain("\"*/*\"");
        assertThat(api.getPaths()).containsKey("/session").doesNotContainKey("/fallback/{service}");
        List<String> defects = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (path.startsWith("/fallback")) {
                defects.add("internal path " + path);
            }
            String id = operation.getOperationId();
            if (id == null || id.matches(".*_\\d+") || !ids.add(id)) {
                defects.add(method + " " + path + ": operationId " + id);
            }
            boolean problem = operation.getResponses().entrySet().stream()
                    .anyMatch(entry -> entry.getKey().startsWith("4") && entry.getValue().get$ref() != null);
            if (!problem) {
                defects.add(method + " " + path + ": no 4xx problem response");
            }
        }));
        assertThat(defects).isEmpty();
        assertThat(api.getComponents().getResponses().get("Unauthenticated").getContent()
                .get("application/problem+json").getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
    }
}
