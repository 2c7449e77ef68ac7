package vn.dvk.gateway.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.dvk.gateway.web.Problems;

/**
 * Spring Security's firewall refuses paths that could be read two ways ({@code ..}, {@code ;}, encoded slashes,
 * backslashes and percent signs, NUL) before anything routes them; by default with an empty 400. The same refusal
 * as a problem detail.
 */
@Component
class FirewallRefusals implements ServerExchangeRejectedHandler {

    private final Problems problems;

    FirewallRefusals(Problems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(exchange, HttpStatus.BAD_REQUEST, "bad-request");
    }
}
