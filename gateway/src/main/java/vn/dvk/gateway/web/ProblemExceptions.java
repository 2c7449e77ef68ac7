package vn.dvk.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway itself meets — no route or static file for a path, a body cut off at the limit, a service
 * that could not be reached on a route without a circuit breaker — answered as a problem detail, before Spring Boot's
 * own error handler (order -1) would answer in its JSON.
 */
@Component
@Order(-2)
class ProblemExceptions implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptions.class);

    private final Problems problems;

    ProblemExceptions(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof RequestSizeFilter.BodyTooLarge tooLarge) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", tooLarge.limit());
        }
        HttpStatus status = error instanceof ResponseStatusException e && HttpStatus.resolve(e.getStatusCode().value())
                != null ? HttpStatus.resolve(e.getStatusCode().value()) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), error);
        }
        exchange.getResponse().getHeaders().remove("Content-Type");
        return problems.write(exchange, status, Problems.codeFor(status));
    }
}
