package vn.dvk.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dvk.kit.testing.ApiDocsCheck;
import vn.dvk.kit.testing.TestStack;

/**
 * registration-service's OpenAPI document, as served at {@code /v3/api-docs}: valid for swagger-parser, every error documented
 * as problem details, unique operationIds, real media types (see {@link ApiDocsCheck}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsIT {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-apidocs");
    }

    @Test
    void shouldServeAValidDocumentThatStatesEveryError() {
        String json = ApiDocsCheck.fetch("http://127.0.0.1:" + port, "registration");
        assertThat(ApiDocsCheck.defects(json)).isEmpty();
        assertThat(json).contains("\"Problem\"", "application/problem+json");
    }
}
