package vn.dvk.notification.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.dvk.kit.testing.AccessMatrix;
import vn.dvk.kit.testing.AccessMatrix.Scope;
import vn.dvk.kit.testing.TestStack;

/** Every endpoint of notification-service × every role × own, parent and sibling unit. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationAccessMatrixIT {

    private static final String BASE = "/api/notification";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-access");
    }

    @Test
    void shouldLetEachRoleDoOnlyWhatItMayAndOnlyInsideItsUnit() throws Exception {
        new AccessMatrix("http://127.0.0.1:" + port, mappings)
                .endpoint("GET", BASE + "/inbox", BASE + "/inbox?unitCode=" + AccessMatrix.OWN_UNIT, null,
                        AccessMatrix.EVERY_ROLE, 200, Scope.UNIT)
                .kitEndpoints(BASE)
                .verify();
    }
}
