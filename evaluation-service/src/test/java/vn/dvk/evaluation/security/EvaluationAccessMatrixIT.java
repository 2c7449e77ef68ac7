package vn.dvk.evaluation.security;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.testing.AccessMatrix;
import vn.dvk.kit.testing.AccessMatrix.Scope;
import vn.dvk.kit.testing.Contracts;
import vn.dvk.kit.testing.KafkaProbe;
import vn.dvk.kit.testing.TestStack;

/** Every endpoint of evaluation-service × every role × own, parent and sibling unit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvaluationAccessMatrixIT {

    private static final String BASE = "/api/evaluation";
    private static final String SUBMITTED = "vn.dvk.registration.submitted.v1";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "evaluation-access");
    }

    @Test
    void shouldLetEachRoleDoOnlyWhatItMayAndOnlyInsideItsUnit() throws Exception {
        String base = "http://127.0.0.1:" + port;
        String registrationId = UUID.randomUUID().toString();
        String title = "Hồ sơ riêng của phường Ba Đình";
        String event = Contracts.example(SUBMITTED).replace("019a8c3e-5f10-7b2a-9c41-3d2e8f6a1b07", registrationId)
                .replace("Nuôi ong lấy mật", title);
        new KafkaProbe(TestStack.get().kafkaBootstrapServers()).send("registration-events", registrationId,
                Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", SUBMITTED, "ce_source",
                        "urn:dvk:registration-service", "ce_specversion", "1.0"), event);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(
                        URI.create(base + BASE + "/dossiers/" + registrationId))
                .header("Authorization", "Bearer " + TestStack.token("coordinator." + AccessMatrix.OWN_UNIT))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

        var readers = EnumSet.of(Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.VIEWER);
        new AccessMatrix(base, mappings, title)
                .endpoint("GET", BASE + "/dossiers/{registrationId}", BASE + "/dossiers/" + registrationId, null,
                        readers, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/dossiers", BASE + "/dossiers?unitCode=" + AccessMatrix.OWN_UNIT, null,
                        readers, 200, Scope.UNIT)
                .kitEndpoints(BASE)
                .verify();
    }
}
