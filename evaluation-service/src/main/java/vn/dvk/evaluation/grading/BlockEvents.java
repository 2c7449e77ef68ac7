package vn.dvk.evaluation.grading;

import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import vn.dvk.kit.consume.EventDispatchers;
import vn.dvk.kit.consume.IncomingEvent;

/**
 * The {@code onUnitEvent-in-0} binding (topic {@code unit-events}): keeps each block as its latest composition says.
 * The event carries the whole block, and a block's events arrive in order (keyed by block), so storing it is
 * idempotent; an older composition redelivered after a newer one is ignored by its time.
 */
@Configuration(proxyBeanMethods = false)
class BlockEvents {

    static final String BLOCK_COMPOSED = "vn.dvk.unit.block-composed.v1";

    @Bean
    Consumer<Message<byte[]>> onUnitEvent(EventDispatchers events, MongoTemplate mongo) {
        return events.builder().on(BLOCK_COMPOSED, BlockCopy.class, (IncomingEvent event, BlockCopy block) -> {
            BlockCopy held = mongo.findById(block.blockId(), BlockCopy.class);
            if (held == null || held.at() == null || !block.at().isBefore(held.at())) {
                mongo.save(block);
            }
        }).build();
    }
}
