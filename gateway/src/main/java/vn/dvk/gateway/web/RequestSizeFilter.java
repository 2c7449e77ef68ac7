package vn.dvk.gateway.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses (413) a request whose declared body is larger than allowed: small for JSON, larger for multipart uploads
 * (evidence files of up to 10 MB). Runs before authentication so that a large body is never read.
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
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        long limit = type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type) ? maxUpload : maxRequest;
        if (length > limit) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", limit);
        }
        return chain.filter(exchange);
    }
}
