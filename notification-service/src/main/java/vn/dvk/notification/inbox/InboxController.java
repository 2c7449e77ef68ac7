package vn.dvk.notification.inbox;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.Paging;

@RestController
@RequestMapping("/api/notification/inbox")
class InboxController {

    private final InboxRepository inbox;
    private final UnitAccess access;

    InboxController(InboxRepository inbox, UnitAccess access) {
        this.inbox = inbox;
        this.access = access;
    }

    /** A unit's inbox, newest first; the unit must lie within the caller's. */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR, Role.REVIEWER, Role.UNIT_OFFICER, Role.VIEWER})
    Page<InboxItem> list(@RequestParam String unitCode, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        access.requireCovers(unitCode, "inbox?unitCode=" + unitCode);
        return inbox.findByUnitCode(unitCode, Paging.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt")));
    }
}
