package vn.dvk.kit.deadletter;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Registers the dead-letter endpoints, whose controller stays package-private. */
@Configuration(proxyBeanMethods = false)
@Import(DeadLetterController.class)
public class DeadLetterWeb {
}
