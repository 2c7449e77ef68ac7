package vn.dvk.registration.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.testing.AccessMatrix;
import vn.dvk.kit.testing.AccessMatrix.Scope;
import vn.dvk.kit.testing.TestStack;

/** Every endpoint of registration-service × every role × own, parent and sibling unit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistrationAccessMatrixIT {

    private static final String BASE = "/api/registration";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "registration-access");
    }

    @Test
    void shouldLetEachRoleDoOnlyWhatItMayAndOnlyInsideItsUnit() throws Exception {
        String base = "http://127.0.0.1:" + port;
        String title = "Mô hình của riêng phường Ba Đình";
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + BASE + "/registrations"))
                .header("Authorization", "Bearer " + TestStack.token("officer." + AccessMatrix.OWN_UNIT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(registration(title))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JsonMapper.builder().build().readTree(created.body()).get("id").asString();

        new AccessMatrix(base, mappings, title)
                .endpoint("POST", BASE + "/registrations", BASE + "/registrations",
                        registration("Một mô hình khác của phường"), EnumSet.of(Role.UNIT_OFFICER), 201, Scope.UNIT)
                .endpoint("GET", BASE + "/registrations/{id}", BASE + "/registrations/" + id, null,
                        AccessMatrix.EVERY_ROLE, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/registrations", BASE + "/registrations?unitCode=" + AccessMatrix.OWN_UNIT,
                        null, AccessMatrix.EVERY_ROLE, 200, Scope.UNIT)
                .kitEndpoints(BASE)
                .verify();
    }

    private static String registration(String title) {
        return "{\"unitCode\":\"" + AccessMatrix.OWN_UNIT + "\",\"title\":\"" + title
                + "\",\"kind\":\"COLLECTIVE\",\"field\":\"ECONOMY\"}";
    }
}
