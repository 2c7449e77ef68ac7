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

/**
 * The in-app inbox: each person's own messages with their unread count, and a unit's inbox. A message held by a
 * person ({@code username} set: addressed to them, or their own copy of a message to their unit's people) is theirs
 * alone, read through {@code /inbox/mine}; the unit's inbox holds only what no person holds — messages to the unit as
 * such (nobody in the directory serves it) and the copies for directory entries without a user name, who cannot sign
 * in.
 */
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

    /**
     * The unit's inbox, newest first: the messages of the unit that no person holds (see the class comment); never a
     * person's messages, not even to their colleagues or superiors. The unit must be within the caller's.
     */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<InboxItem> list(@RequestParam String unitCode, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        access.requireCovers(unitCode, "inbox?unitCode=" + unitCode);
        return inbox.findByUnitCodeAndUsernameIsNull(unitCode, Paging.of(page, size, newestFirst()));
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
     * Marks a message read: one's own, or a message of a unit's inbox within one's own. Someone else's message is
     * answered as missing.
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
