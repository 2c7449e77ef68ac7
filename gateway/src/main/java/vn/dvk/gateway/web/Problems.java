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
        Locale locale = locale(exchange);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://dvk.vn/problems/" + code);
        body.put("title", messages.getMessage("problem." + code + ".title", null, code, locale));
        body.put("status", status.value());
        body.put("detail", messages.getMessage("problem." + code + ".detail", args, "", locale));
        body.put("instance", exchange.getRequest().getPath().value());
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

    /** A message from the gateway's bundle in the caller's language. */
    public String message(ServerWebExchange exchange, String key) {
        return messages.getMessage(key, null, key, locale(exchange));
    }

    private static Locale locale(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst("Accept-Language");
        if (header == null || header.isBlank()) {
            return VIETNAMESE;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return VIETNAMESE;
        }
        Locale match = Locale.lookup(ranges, List.of(VIETNAMESE, Locale.ENGLISH));
        return match == null ? VIETNAMESE : match;
    }
}
