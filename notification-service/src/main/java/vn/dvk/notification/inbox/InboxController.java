package vn.dvk.notification.inbox;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notification/inbox")
class InboxController {

    private final InboxRepository inbox;

    InboxController(InboxRepository inbox) {
        this.inbox = inbox;
    }

    /** A unit's inbox, newest first. */
    @GetMapping
    Page<InboxItem> list(@RequestParam String unitCode, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return inbox.findByUnitCode(unitCode, PageRequest.of(Math.max(page, 0), Math.min(Math.max(size, 1), 200),
                Sort.by(Sort.Direction.DESC, "createdAt")));
    }
}
