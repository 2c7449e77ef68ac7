package vn.dvk.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a correlation id — the client's own if well formed, else a new one — passes it to the services
 * (which put it in their logs and in the Kafka headers of the events the request causes) and answers with it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIdFilter implements WebFilter {

    public static final String HEADER = "X-Correlation-Id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String received = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = received != null && WELL_FORMED.matcher(received).matches() ? received
                : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(HEADER, id);
        ServerWebExchange tagged = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, id))).build();
        return chain.filter(tagged).contextWrite(context -> context.put(HEADER, id));
    }
}
