package vn.dvk.notification.inbox;

import java.time.Clock;

import org.springframework.stereotype.Component;
import vn.dvk.kit.consume.IdempotentWrites;
import vn.dvk.kit.consume.IncomingEvent;

/** Puts a confirmation in the registering unit's inbox when its registration is submitted. */
@Component
class Inbox {

    static final String REGISTRATION_SUBMITTED = "REGISTRATION_SUBMITTED";

    private final IdempotentWrites writes;
    private final Clock clock;

    Inbox(IdempotentWrites writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    void registrationSubmitted(IncomingEvent event, RegistrationSubmitted submitted) {
        String recipient = "unit:" + submitted.unitCode();
        writes.insertOnce(new InboxItem(InboxItem.idFor(event.id(), recipient), submitted.unitCode(),
                REGISTRATION_SUBMITTED, "Đã nhận đăng ký mô hình \"" + submitted.title() + "\"",
                "Đăng ký mô hình \"" + submitted.title() + "\" đã được gửi và đang chờ xét duyệt.",
                submitted.registrationId(), clock.instant(), false), InboxItem.COLLECTION);
    }
}
