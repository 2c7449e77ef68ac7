package vn.dvk.notification.security;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.testing.AccessMatrix;
import vn.dvk.kit.testing.AccessMatrix.Scope;
import vn.dvk.kit.testing.TestStack;
import vn.dvk.notification.delivery.Delivery;
import vn.dvk.notification.inbox.InboxItem;
import vn.dvk.notification.recipient.Channel;
import vn.dvk.notification.recipient.Recipient;
import vn.dvk.notification.schedule.Deadline;
import vn.dvk.notification.template.NotificationType;

/**
 * Every endpoint of notification-service × every role × own, parent and sibling unit. Publishing a template reaches
 * every unit, so only the province's administrator may ({@link Scope#TOP}). What a sibling unit's import or entry does
 * to an existing recipient, and what a unit's inbox shows of its people's messages, is in {@link CrossUnitWritesIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationAccessMatrixIT {

    private static final String BASE = "/api/notification";
    private static final String OWN = AccessMatrix.OWN_UNIT;
    private static final Set<Role> MANAGERS = EnumSet.of(Role.ADMIN, Role.COORDINATOR);
    private static final Set<Role> SCHEDULE = EnumSet.of(Role.ADMIN, Role.COORDINATOR, Role.UNIT_OFFICER);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        TestStack.register(registry, "notification-access");
    }

    @Test
    void shouldLetEachRoleDoOnlyWhatItMayAndOnlyInsideItsUnit() throws Exception {
        Supplier<String> recipient = () -> mongo.insert(new Recipient(UUID.randomUUID().toString(),
                "mail:" + OWN + ":" + UUID.randomUUID() + "@example.vn", OWN, null, "Người nhận", null, null,
                Set.of(Role.UNIT_OFFICER), Set.of(Channel.INBOX), "vi", null, false, true, Instant.now(), "test", null, null)).id();
        Supplier<String> unitMessage = () -> mongo.insert(new InboxItem(UUID.randomUUID().toString(), OWN,
                "unit:" + OWN, null, NotificationType.REGISTRATION_APPROVED, "Đã duyệt", "Đã duyệt", null,
                Instant.now(), false, null)).id();
        String delivery = mongo.insert(new Delivery(UUID.randomUUID().toString(), "k", NotificationType.WINDOW_CLOSING,
                Channel.EMAIL, "r", OWN, "a@example.vn", "vi", 1, "s", "b", null, Delivery.Status.SENT, 1, List.of(),
                null, null, Instant.now(), Instant.now(), null, null)).id();
        String campaign = UUID.randomUUID().toString();
        mongo.insert(new Deadline(Deadline.idOf(Deadline.DeadlineKind.WINDOW, campaign),
                Deadline.DeadlineKind.WINDOW, campaign, OWN, "Đợt thử", LocalDate.now().plusDays(20),
                "Asia/Ho_Chi_Minh", List.of("P7D"), Map.of("COMMUNE/COLLECTIVE", 1), List.of(), null));
        String form = "{\"unitCode\":\"" + OWN + "\",\"name\":\"Nguyễn Văn A\",\"email\":\"%s@example.vn\","
                + "\"roles\":[\"UNIT_OFFICER\"],\"channels\":[\"INBOX\",\"EMAIL\"]}";
        new AccessMatrix("http://127.0.0.1:" + port, mappings)
                .endpoint("GET", BASE + "/inbox", BASE + "/inbox?unitCode=" + OWN, null, AccessMatrix.EVERY_ROLE, 200,
                        Scope.UNIT)
                .endpoint("GET", BASE + "/inbox/mine", BASE + "/inbox/mine", null, AccessMatrix.EVERY_ROLE, 200,
                        Scope.CALLER)
                .endpoint("GET", BASE + "/inbox/mine/unread-count", BASE + "/inbox/mine/unread-count", null,
                        AccessMatrix.EVERY_ROLE, 200, Scope.CALLER)
                .endpoint("POST", BASE + "/inbox/mine/read-all", BASE + "/inbox/mine/read-all", null,
                        AccessMatrix.EVERY_ROLE, 200, Scope.CALLER)
                .endpoint("POST", BASE + "/inbox/{id}/read", () -> BASE + "/inbox/" + unitMessage.get() + "/read",
                        () -> null, AccessMatrix.EVERY_ROLE, 204, Scope.UNIT)
                .endpoint("GET", BASE + "/recipients", BASE + "/recipients?unitCode=" + OWN, null, MANAGERS, 200,
                        Scope.UNIT)
                .endpoint("POST", BASE + "/recipients", () -> BASE + "/recipients",
                        () -> form.formatted(UUID.randomUUID()), MANAGERS, 201, Scope.UNIT)
                .endpoint("GET", BASE + "/recipients/{id}", () -> BASE + "/recipients/" + recipient.get(), () -> null,
                        MANAGERS, 200, Scope.UNIT)
                .endpoint("PUT", BASE + "/recipients/{id}", () -> BASE + "/recipients/" + recipient.get(),
                        () -> form.formatted(UUID.randomUUID()), MANAGERS, 200, Scope.UNIT)
                .endpoint("DELETE", BASE + "/recipients/{id}", () -> BASE + "/recipients/" + recipient.get(),
                        () -> null, MANAGERS, 204, Scope.UNIT)
                .upload(BASE + "/recipients/import", BASE + "/recipients/import", "nguoi-nhan.csv",
                        "Mã đơn vị,Tên đăng nhập,Họ và tên,Email\n" + OWN + ",,Nguyễn Văn B,b@example.vn\n", MANAGERS,
                        200, Scope.CALLER)
                .endpoint("GET", BASE + "/recipients/import-template.xlsx", BASE + "/recipients/import-template.xlsx",
                        null, MANAGERS, 200, Scope.CALLER)
                .endpoint("GET", BASE + "/recipients/me", BASE + "/recipients/me", null, AccessMatrix.EVERY_ROLE,
                        200, Scope.CALLER)
                .endpoint("PUT", BASE + "/recipients/me", BASE + "/recipients/me", "{\"channels\":[\"INBOX\"]}",
                        AccessMatrix.EVERY_ROLE, 200, Scope.CALLER)
                .endpoint("GET", BASE + "/templates", BASE + "/templates", null, MANAGERS, 200, Scope.CALLER)
                .endpoint("GET", BASE + "/templates/{type}/{language}", BASE + "/templates/DECISION_ISSUED/vi", null,
                        MANAGERS, 200, Scope.CALLER)
                .endpoint("PUT", BASE + "/templates/{type}/{language}", BASE + "/templates/DECISION_ISSUED/en",
                        "{\"subject\":\"Decision {number}\",\"body\":\"Decision {number} of {date}.\"}",
                        EnumSet.of(Role.ADMIN), 201, Scope.TOP)
                .endpoint("POST", BASE + "/templates/{type}/{language}/preview",
                        BASE + "/templates/DECISION_ISSUED/vi/preview", "{}", MANAGERS, 200, Scope.CALLER)
                .endpoint("GET", BASE + "/reminders", BASE + "/reminders?campaignId=" + campaign + "&unitCode=" + OWN,
                        null, SCHEDULE, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/campaigns/{campaignId}/reminder-offsets",
                        BASE + "/campaigns/" + campaign + "/reminder-offsets", null, SCHEDULE, 200, Scope.UNIT)
                .endpoint("PUT", BASE + "/campaigns/{campaignId}/reminder-offsets",
                        BASE + "/campaigns/" + campaign + "/reminder-offsets", "{\"offsets\":[\"P7D\",\"P1D\"]}",
                        MANAGERS, 200, Scope.UNIT)
                .endpoint("GET", BASE + "/deliveries", BASE + "/deliveries?unitCode=" + OWN, null, MANAGERS, 200,
                        Scope.UNIT)
                .endpoint("GET", BASE + "/deliveries/{id}", BASE + "/deliveries/" + delivery, null, MANAGERS, 200,
                        Scope.UNIT)
                .kitEndpoints(BASE)
                .verify();
    }
}
