package vn.dvk.kit.deadletter;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.security.Allow;
import vn.dvk.kit.security.Role;
import vn.dvk.kit.security.UnitAccess;

/**
 * Lists this service's dead letters and replays one: {@code GET …/admin/dead-letters}, {@code POST …/replay}. Dead
 * letters are the whole service's (records of any unit), so only a province-level administrator sees and replays them.
 */
@RestController
@RequestMapping("${dvk.api.base-path}/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;
    private final UnitAccess access;

    DeadLetterController(DeadLetters deadLetters, UnitAccess access) {
        this.deadLetters = deadLetters;
        this.access = access;
    }

    @GetMapping
    @Allow(Role.ADMIN)
    List<DeadLetter> list() {
        access.requireTopUnit("dead-letters");
        return deadLetters.list();
    }

    @PostMapping("/{partition}/{offset}/replay")
    @Allow(Role.ADMIN)
    DeadLetter replay(@PathVariable int partition, @PathVariable long offset) {
        access.requireTopUnit("dead-letters/" + partition + "/" + offset);
        return deadLetters.replay(partition, offset)
                .orElseThrow(() -> DomainException.notFound("dead-letter-not-found", partition + "/" + offset));
    }
}
