package vn.dvk.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's own refusals (401, 413, 429, 503) as RFC 9457 problem details, in Vietnamese unless the caller asks
 * for English, with the same {@code type}/{@code code} scheme as the services.
 */
@Component
public class Problems {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final MessageSource messages;
    private final JsonMapper json;

    public Problems(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    public Map<String, Object> body(ServerWebExchange exchange, HttpStatus status, String code, Object... args) {
        return body(locale(exchange.getRequest().getHeaders().getFirst("Accept-Language")),
                exchange.getRequest().getPath().value(), status, code, args);
    }

    /** A problem detail for a request that never became an exchange (refused while Netty decoded it). */
    public byte[] json(String acceptLanguage, String path, HttpStatus status, String code) {
        return json.writeValueAsString(body(locale(acceptLanguage), path, status, code))
                .getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Object> body(Locale locale, String path, HttpStatus status, String code, Object... args) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://dvk.vn/problems/" + code);
        body.put("title", messages.getMessage("problem." + code + ".title", null, code, locale));
        body.put("status", status.value());
        body.put("detail", messages.getMessage("problem." + code + ".detail", args, "", locale));
        if (path != null) {
            body.put("instance", path);
        }
        body.put("code", code);
        return body;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, Object... args) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = json.writeValueAsString(body(exchange, status, code, args)).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /** The problem code for an HTTP status when nothing more precise is known (the services use the same codes). */
    public static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad-request";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "role-forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case CONTENT_TOO_LARGE -> "payload-too-large";
            case URI_TOO_LONG -> "uri-too-long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers-too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "media-type-unsupported";
            case NOT_IMPLEMENTED -> "not-implemented";
            default -> status.is4xxClientError() ? "bad-request" : "internal-error";
        };
    }

    /** A message from the gateway's bundle in the caller's language. */
    public String message(ServerWebExchange exchange, String key) {
        return messages.getMessage(key, null, key,
                locale(exchange.getRequest().getHeaders().getFirst("Accept-Language")));
    }

    private static Locale locale(String header) {
        if (header == null || header.isBlank()) {
            return VIETNAMESE;
        }
        List<Locale.LanguageRange> ranges;
        try {
            // The first few ranges decide; a header listing hundreds is not parsed whole.
            String[] parts = header.split(",", 11);
            ranges = Locale.LanguageRange.parse(String.join(",", java.util.Arrays.copyOf(parts,
                    Math.min(parts.length, 10))));
        } catch (IllegalArgumentException e) {
            return VIETNAMESE;
        }
        Locale match = Locale.lookup(ranges, List.of(VIETNAMESE, Locale.ENGLISH));
        return match == null ? VIETNAMESE : match;
    }
}
