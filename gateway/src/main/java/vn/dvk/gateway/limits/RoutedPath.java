package vn.dvk.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriUtils;

/**
 * A request path as the service behind the gateway will route it: percent-escapes decoded, {@code ;parameters} of a
 * segment dropped, empty and {@code .} segments removed and {@code ..} applied — what Tomcat does before Spring MVC
 * matches a handler. Limits must be decided on this, not on the raw string a client can spell in many ways.
 */
final class RoutedPath {

    private RoutedPath() {
    }

    static String of(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : rawPath.split("/")) {
            int semicolon = raw.indexOf(';');
            String segment = semicolon >= 0 ? raw.substring(0, semicolon) : raw;
            try {
                segment = UriUtils.decode(segment, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Not decodable: the service refuses it; classify what was sent.
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** A list asked to match free text ({@code q}) is a search, costly as a search endpoint is. */
    static boolean isSearch(MultiValueMap<String, String> query) {
        List<String> q = query.get("q");
        return q != null && q.stream().anyMatch(value -> value != null && !value.isBlank());
    }
}
