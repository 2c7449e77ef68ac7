package vn.dvk.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.dvk.kit.testing.Contracts;

/**
 * Every kind of message the service sends can be told on {@code notification-events}: a dashboard validating the
 * topic against the contract would otherwise reject the outcomes of a type added later.
 */
class NotificationTypeContractTest {

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void shouldBeAllowedInTheOutcomeEvents(NotificationType type) {
        for (String event : new String[] {"vn.dvk.notification.delivery-sent.v1",
            "vn.dvk.notification.delivery-failed.v1"}) {
            String payload = Contracts.example(event).replaceFirst("\"notificationType\"\\s*:\\s*\"[A-Z_]+\"",
                    "\"notificationType\":\"" + type.name() + "\"");
            assertThat(payload).contains(type.name());
            assertThat(Contracts.violations(event, payload)).as(event).isEmpty();
        }
    }
}
