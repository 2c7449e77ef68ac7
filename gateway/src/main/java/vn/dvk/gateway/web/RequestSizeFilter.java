package vn.dvk.gateway.web;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses (415) a {@code Content-Type} that is not one concrete type — it would fail deep in routing — and (413) a
 * request whose body is larger than allowed: small for JSON, larger for multipart uploads (evidence
 * files of up to 10 MB). A declared length is refused before authentication, so that a large body is never read; a
 * body without one (chunked) is counted as it flows to the service and cut off at the limit — the service, which
 * counts too, never receives more, and the caller gets the same 413 (through the route's fallback or
 * {@link ProblemExceptions}).
 */
@Component
@Order(-300)
class RequestSizeFilter implements WebFilter {

    private final long maxRequest;
    private final long maxUpload;
    private final Problems problems;

    RequestSizeFilter(@Value("${dvk.gateway.max-request-size}") DataSize maxRequest,
            @Value("${dvk.gateway.max-upload-size}") DataSize maxUpload, Problems problems) {
        this.maxRequest = maxRequest.toBytes();
        this.maxUpload = maxUpload.toBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        MediaType type;
        try {
            type = exchange.getRequest().getHeaders().getContentType();
        } catch (InvalidMediaTypeException e) {
            return problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media-type-unsupported");
        }
        if (type != null && (type.isWildcardType() || type.isWildcardSubtype())) {
            return problems.write(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media-type-unsupported");
        }
        long limit = type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type) ? maxUpload : maxRequest;
        if (length > limit) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", limit);
        }
        if (length >= 0) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new BodyTooLarge(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    /** A body that went past the limit while flowing; a route's circuit breaker does not count it as a failure. */
    public static final class BodyTooLarge extends ResponseStatusException {

        private final long limit;

        BodyTooLarge(long limit) {
            super(HttpStatus.CONTENT_TOO_LARGE);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
