package vn.dvk.notification.delivery;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;
import vn.dvk.kit.web.Paging;
import vn.dvk.notification.recipient.Channel;

/** The delivery log: every e-mail, SMS and Zalo message of a unit with each attempt, dead letters included. */
@RestController
@RequestMapping("/api/notification/deliveries")
class DeliveryController {

    private final MongoTemplate mongo;
    private final UnitAccess access;

    DeliveryController(MongoTemplate mongo, UnitAccess access) {
        this.mongo = mongo;
        this.access = access;
    }

    /** A unit's deliveries (the caller's unit by default), newest first; DEAD lists the dead letters. */
    @GetMapping
    @Allow({Role.ADMIN, Role.COORDINATOR})
    Page<Delivery> list(@RequestParam(required = false) String unitCode,
            @RequestParam(required = false) Delivery.Status status, @RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        String scope = access.scope(unitCode, "deliveries");
        Criteria c = Criteria.where("unitCode").is(scope);
        if (status != null) {
            c = c.and("status").is(status);
        }
        if (channel != null) {
            c = c.and("channel").is(channel);
        }
        PageRequest request = Paging.of(page, size, Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")));
        long total = mongo.count(new Query(c), Delivery.class);
        List<Delivery> content = mongo.find(new Query(c).with(request), Delivery.class);
        return new PageImpl<>(content, request, total);
    }

    @GetMapping("/{id}")
    @Allow({Role.ADMIN, Role.COORDINATOR})
    Delivery get(@PathVariable String id) {
        return access.visible(java.util.Optional.ofNullable(mongo.findById(id, Delivery.class)), Delivery::unitCode,
                "deliveries/" + id, () -> DomainException.notFound("delivery-not-found", id));
    }
}
