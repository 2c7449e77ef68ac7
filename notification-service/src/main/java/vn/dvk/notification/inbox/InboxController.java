package vn.dvk.notification.inbox;

import java.time.Clock;
import java.util.Map;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Caller;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.Paging;

/** The in-app inbox: each person's own messages with their unread count, and a unit's messages as a whole. */
@RestController
@RequestMapping("/api/notification/inbox")
class InboxController {

    record UnreadCount(long unread) {
    }

    private final InboxRepository inbox;
    private final UnitAccess access;
    private final MongoTemplate mongo;
    private final Clock clock;

    InboxController(InboxRepository inbox, MongoTemplate mongo, UnitAccess access, Clock clock) {
        this.inbox = inbox;
        this.mongo = mongo;
        this.access = access;
        this.clock = clock;
    }

    /** Every message addressed in a unit (to its people or to the unit), newest first; the unit must be the caller's. */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<InboxItem> list(@RequestParam String unitCode, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        access.requireCovers(unitCode, "inbox?unitCode=" + unitCode);
        return inbox.findByUnitCode(unitCode, Paging.of(page, size, newestFirst()));
    }

    /** The caller's own messages, newest first; {@code unread=true} for those not yet read. */
    @GetMapping("/mine")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<InboxItem> mine(@RequestParam(required = false) Boolean unread, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        String me = access.caller().username();
        return unread == null ? inbox.findByUsername(me, Paging.of(page, size, newestFirst()))
                : inbox.findByUsernameAndRead(me, !unread, Paging.of(page, size, newestFirst()));
    }

    @GetMapping("/mine/unread-count")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    UnreadCount unread() {
        return new UnreadCount(inbox.countByUsernameAndRead(access.caller().username(), false));
    }

    /**
     * Marks a message read: one's own, or a message to a unit within one's own. Someone else's message is answered
     * as missing.
     */
    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    void markRead(@PathVariable String id) {
        Caller caller = access.caller();
        InboxItem item = inbox.findById(id)
                .filter(i -> i.username() != null ? i.username().equals(caller.username())
                        : access.covers(i.unitCode()))
                .orElseThrow(() -> DomainException.notFound("inbox-item-not-found", id));
        // Only these two fields: a replica re-processing its batch after a crash may be writing the item meanwhile.
        mongo.updateFirst(new Query(Criteria.where("_id").is(item.id()).and("read").is(false)),
                new Update().set("read", true).set("readAt", clock.instant()), InboxItem.class);
    }

    /** Marks all the caller's own messages read. */
    @PostMapping("/mine/read-all")
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Map<String, Long> markAllRead() {
        long marked = mongo.updateMulti(new Query(Criteria.where("username").is(access.caller().username())
                .and("read").is(false)), new Update().set("read", true).set("readAt", clock.instant()),
                InboxItem.class).getModifiedCount();
        return Map.of("marked", marked);
    }

    private static Sort newestFirst() {
        return Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id"));
    }
}
