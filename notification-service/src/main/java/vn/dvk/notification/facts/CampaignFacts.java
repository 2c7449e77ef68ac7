package vn.dvk.notification.facts;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import vn.dvk.kit.consume.EventDispatchers;
import vn.dvk.kit.consume.IncomingEvent;
import vn.dvk.notification.schedule.Deadline.DeadlineKind;
import vn.dvk.notification.schedule.ReminderPlanner;
import vn.dvk.notification.schedule.Units;

/**
 * {@code campaign-events}: a launched campaign's registration window becomes a deadline for every unit of its scope
 * that has a quota, and each of its progress-report days one for the units carrying out models; an extended window
 * moves its deadline.
 */
@Configuration(proxyBeanMethods = false)
class CampaignFacts {

    static final String LAUNCHED = "vn.dvk.campaign.launched.v1";
    static final String EXTENDED = "vn.dvk.campaign.window-extended.v1";

    record Quota(String unitKind, String kind, int limit) {
    }

    record Launched(String campaignId, String unitCode, String title, LocalDate opens, LocalDate closes,
            String timeZone, List<Quota> quotas, List<LocalDate> progressReportsDue) {
    }

    record Extended(String campaignId, LocalDate closes) {
    }

    @Bean
    Consumer<Message<byte[]>> onCampaignEvent(EventDispatchers events, ReminderPlanner planner, Units units) {
        return events.builder()
                .on(LAUNCHED, Launched.class, (IncomingEvent e, Launched c) -> {
                    Map<String, Integer> quotas = new LinkedHashMap<>();
                    c.quotas().forEach(q -> quotas.put(q.unitKind() + "/" + q.kind(), q.limit()));
                    planner.upsert(DeadlineKind.WINDOW, c.campaignId(), c.unitCode(), c.title(), c.closes(),
                            c.timeZone(), quotas, units.withQuota(c.unitCode(), quotas), Map.of());
                    planner.progressSchedule(c.campaignId(), c.unitCode(), c.title(), c.opens(), c.timeZone(),
                            c.progressReportsDue() == null ? List.of() : c.progressReportsDue());
                })
                .on(EXTENDED, Extended.class, (IncomingEvent e, Extended x) -> planner
                        .deadline(vn.dvk.notification.schedule.Deadline.idOf(DeadlineKind.WINDOW, x.campaignId()))
                        .filter(d -> !x.closes().equals(d.due()))
                        .ifPresent(d -> planner.moveTo(d, x.closes())))
                .build();
    }
}
