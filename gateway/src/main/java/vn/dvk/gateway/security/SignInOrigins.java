package vn.dvk.gateway.security;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import vn.dvk.gateway.web.Problems;

/**
 * Signing in and out sends the browser to the identity provider with a URI of ours to come back to, built from the
 * request's own origin ({@code {baseUrl}}) — which a client chooses through the {@code Host} header. On those paths a
 * request whose origin is not one the configuration names ({@code dvk.gateway.web-origins}) is refused, so that no
 * redirect ever leads to a host the configuration does not name.
 */
@Component
@Order(-150)
class SignInOrigins implements WebFilter {

    private static final String[] REDIRECTING = {"/oauth2/authorization/", "/login/oauth2/code/", "/logout"};

    private final Set<String> origins;
    private final Problems problems;

    SignInOrigins(@Value("${dvk.gateway.web-origins}") String origins, Problems problems) {
        this.origins = Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(SignInOrigins::withoutTrailingSlash).collect(Collectors.toUnmodifiableSet());
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (Arrays.stream(REDIRECTING).noneMatch(path::startsWith) || origins.contains(origin(exchange))) {
            return chain.filter(exchange);
        }
        return problems.write(exchange, HttpStatus.BAD_REQUEST, "origin-not-allowed");
    }

    /** The origin Spring Security puts in {@code {baseUrl}}: scheme, host and port of the request as received. */
    static String origin(ServerWebExchange exchange) {
        return withoutTrailingSlash(UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replacePath(null)
                .replaceQuery(null).fragment(null).build().toUriString());
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
