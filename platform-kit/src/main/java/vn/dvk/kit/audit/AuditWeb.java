package vn.dvk.kit.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Registers the audit query endpoint, whose controller stays package-private. */
@Configuration(proxyBeanMethods = false)
@Import(AuditController.class)
public class AuditWeb {
}
