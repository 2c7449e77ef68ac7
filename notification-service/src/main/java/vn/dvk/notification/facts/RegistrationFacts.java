package vn.dvk.notification.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import vn.dvk.kit.consume.EventDispatcher;
import vn.dvk.kit.consume.EventDispatchers;
import vn.dvk.kit.consume.IncomingEvent;
import vn.dvk.kit.text.Labels;
import vn.dvk.notification.schedule.Notices;
import vn.dvk.notification.schedule.Obligations;
import vn.dvk.notification.schedule.Units;
import vn.dvk.notification.template.NotificationType;

/**
 * {@code registration-events}: every lifecycle event updates the unit's place count in its campaign's window (which
 * cancels or revives its pending reminders); submitted, approved, returned, recognised and commended also tell the
 * unit's people.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationFacts {

    private static final String PREFIX = "vn.dvk.registration.";
    private static final String[] LIFECYCLE = {"drafted", "submitted", "resubmitted", "approved", "returned",
        "withdrawn", "recognised", "commended"};

    record Outcome(String tier, String commendationKind, String decisionNumber, String issuingBody) {
    }

    record Changed(String registrationId, String campaignId, String unitCode, String title, String kind,
            String status, Instant at, String reason, Outcome outcome) {
    }

    record ProgressReported(String registrationId, String campaignId, String unitCode, LocalDate reportedOn) {
    }

    @Bean
    Consumer<Message<byte[]>> onRegistrationEvent(EventDispatchers events, Obligations obligations, Notices notices,
            Units units) {
        EventDispatcher.Builder builder = events.builder();
        for (String name : LIFECYCLE) {
            NotificationType type = switch (name) {
                case "submitted" -> NotificationType.REGISTRATION_SUBMITTED;
                case "approved" -> NotificationType.REGISTRATION_APPROVED;
                case "returned" -> NotificationType.REGISTRATION_RETURNED;
                case "recognised" -> NotificationType.REGISTRATION_RECOGNISED;
                case "commended" -> NotificationType.REGISTRATION_COMMENDED;
                default -> null;
            };
            builder.on(PREFIX + name + ".v1", Changed.class, (IncomingEvent e, Changed r) -> {
                obligations.registration(r.campaignId(), r.unitCode(), r.registrationId(), r.title(), r.kind(),
                        r.status(), r.at());
                if (type != null) {
                    notices.toUnit(e.id(), type, r.unitCode(), Notices.UNIT_PEOPLE, values(r, units),
                            r.registrationId());
                }
            });
        }
        builder.on(PREFIX + "progress-reported.v1", ProgressReported.class, (IncomingEvent e, ProgressReported p) ->
                obligations.progressReported(p.campaignId(), p.unitCode(), p.registrationId(), p.reportedOn()));
        return builder.build();
    }

    private static Map<String, String> values(Changed r, Units units) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("title", r.title());
        values.put("unitName", units.name(r.unitCode()));
        if (r.reason() != null) {
            values.put("reason", r.reason());
        }
        if (r.outcome() != null) {
            Outcome o = r.outcome();
            values.put("tier", Labels.TIERS.getOrDefault(o.tier(), o.tier()));
            if (o.commendationKind() != null) {
                values.put("commendation", Labels.COMMENDATIONS.getOrDefault(o.commendationKind(),
                        o.commendationKind()));
            }
            values.put("decisionNumber", o.decisionNumber());
            values.put("issuingBody", o.issuingBody());
        }
        return values;
    }
}
