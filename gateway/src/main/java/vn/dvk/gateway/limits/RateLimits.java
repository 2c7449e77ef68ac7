package vn.dvk.gateway.limits;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import vn.dvk.gateway.web.Problems;

/**
 * Rate limits, answered with 429, {@code Retry-After} and a problem detail. Per client address before
 * authentication (everything, and more strictly the start of a sign-in); per signed-in user after it (every API call,
 * and more strictly imports, exports, searches and reports). Calls are classified by the path the service will route
 * ({@link RoutedPath}), so that {@code /registrations/%65xport.xlsx} counts as the export it is.
 */
@Configuration(proxyBeanMethods = false)
class RateLimits {

    private static final String SIGN_IN = "/oauth2/authorization/";

    /** Before Spring Security's filter chain (order -100), so that sign-in requests are counted too. */
    @Bean
    @Order(-200)
    WebFilter addressRateLimit(@Value("${dvk.gateway.rate-limits.address.per-second}") double perSecond,
            @Value("${dvk.gateway.rate-limits.address.burst}") double burst,
            @Value("${dvk.gateway.rate-limits.sign-in.per-second}") double signInPerSecond,
            @Value("${dvk.gateway.rate-limits.sign-in.burst}") double signInBurst,
            Problems problems, MeterRegistry meters) {
        TokenBuckets all = new TokenBuckets(perSecond, burst, System::nanoTime);
        TokenBuckets signIn = new TokenBuckets(signInPerSecond, signInBurst, System::nanoTime);
        return (exchange, chain) -> {
            String address = address(exchange);
            long wait = all.tryTake(address);
            if (wait == 0 && exchange.getRequest().getPath().value().startsWith(SIGN_IN)) {
                wait = signIn.tryTake(address);
                return wait == 0 ? chain.filter(exchange) : refuse(exchange, wait, "sign-in", problems, meters);
            }
            return wait == 0 ? chain.filter(exchange) : refuse(exchange, wait, "address", problems, meters);
        };
    }

    /** After authentication, so that the user is known; anonymous API calls are refused by security anyway. */
    @Bean
    @Order(0)
    WebFilter userRateLimit(@Value("${dvk.gateway.rate-limits.user.per-second}") double perSecond,
            @Value("${dvk.gateway.rate-limits.user.burst}") double burst,
            @Value("${dvk.gateway.rate-limits.expensive.per-second}") double expensivePerSecond,
            @Value("${dvk.gateway.rate-limits.expensive.burst}") double expensiveBurst,
            @Value("${dvk.gateway.expensive-paths}") String expensivePaths,
            Problems problems, MeterRegistry meters) {
        TokenBuckets user = new TokenBuckets(perSecond, burst, System::nanoTime);
        TokenBuckets expensive = new TokenBuckets(expensivePerSecond, expensiveBurst, System::nanoTime);
        Pattern expensivePath = Pattern.compile(expensivePaths);
        return (ServerWebExchange exchange, WebFilterChain chain) -> {
            String path = RoutedPath.of(exchange.getRequest().getPath().value());
            if (!path.startsWith("/api/")) {
                return chain.filter(exchange);
            }
            boolean costly = expensivePath.matcher(path).matches()
                    || RoutedPath.isSearch(exchange.getRequest().getQueryParams());
            return exchange.getPrincipal().map(Principal::getName)
                    .flatMap(name -> {
                        long wait = user.tryTake(name);
                        String policy = "user";
                        if (wait == 0 && costly) {
                            wait = expensive.tryTake(name);
                            policy = "expensive";
                        }
                        return wait == 0 ? Mono.<Boolean>just(true)
                                : refuse(exchange, wait, policy, problems, meters).thenReturn(false);
                    })
                    .defaultIfEmpty(true)
                    .flatMap(allowed -> allowed ? chain.filter(exchange) : Mono.empty());
        };
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, long waitNanos, String policy, Problems problems,
            MeterRegistry meters) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        meters.counter("dvk.gateway.rate_limited", "policy", policy).increment();
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", seconds);
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
