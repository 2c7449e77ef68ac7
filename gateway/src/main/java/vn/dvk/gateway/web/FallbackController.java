package vn.dvk.gateway.web;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a request when its service is down, too slow or failing: a 503 problem
 * detail naming the service, while the other services' routes keep working.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class FallbackController {

    private final Problems problems;

    FallbackController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("/fallback/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        // A body cut off at the size limit is the caller's, not the service's, failure.
        if (exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR)
                instanceof RequestSizeFilter.BodyTooLarge tooLarge) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.limit());
        }
        exchange.getResponse().getHeaders().set("Retry-After", "30");
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                problems.message(exchange, "service." + service));
    }
}
