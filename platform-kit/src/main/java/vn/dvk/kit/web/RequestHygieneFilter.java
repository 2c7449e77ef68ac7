package vn.dvk.kit.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.dvk.kit.problem.ProblemWriter;
import vn.dvk.kit.text.UnsafeText;

/**
 * The first filter of every request in a service: what Tomcat or Spring would otherwise answer with a 500 or an HTML
 * page is refused here, before anything reads the request, as a problem detail — a query string that is not UTF-8
 * once decoded or carries control characters (400 {@code parameter-invalid}), a {@code Content-Type} that is not one
 * concrete type (415 {@code media-type-unsupported}), a declared length over the limit (413). It also shields the
 * rest from an {@code Accept-Language} listing more languages than Tomcat parses (it throws past ten): the caller's
 * first few ranges decide the language.
 */
public class RequestHygieneFilter extends OncePerRequestFilter {

    /** Tomcat's own limit on parsed locales; beyond it {@code getLocale()} throws. */
    private static final int MAX_LANGUAGE_RANGES = 10;
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");
    /** More query parameters than any endpoint reads; Tomcat's own limit makes the request fail later. */
    static final int MAX_PARAMETERS = 100;

    private final ProblemWriter problems;
    private final long maxBody;
    private final long maxUpload;

    public RequestHygieneFilter(ProblemWriter problems, long maxBody, long maxUpload) {
        this.problems = problems;
        this.maxBody = maxBody;
        this.maxUpload = maxUpload;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest safe = new FewLanguages(request);
        String badParameter = badQueryParameter(request.getQueryString());
        if (badParameter != null) {
            problems.write(safe, response, HttpStatus.BAD_REQUEST, "parameter-invalid", badParameter);
            return;
        }
        String contentType = request.getContentType();
        MediaType type = null;
        if (contentType != null) {
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException e) {
                type = null;
            }
            if (type == null || type.isWildcardType() || type.isWildcardSubtype()) {
                problems.write(safe, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "media-type-unsupported",
                        UnsafeText.check(contentType, false) == null ? contentType : "?");
                return;
            }
        }
        long limit = type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type) ? maxUpload : maxBody;
        if (request.getContentLengthLong() > limit) {
            problems.write(safe, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", limit);
            return;
        }
        chain.doFilter(safe, response);
    }

    /**
     * The name of the first query parameter that does not decode to UTF-8 text without control characters ("…" for
     * a query of more than {@link #MAX_PARAMETERS} parameters), or null. Tomcat would throw on the first and pass the
     * second on.
     */
    static String badQueryParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        String[] pairs = query.split("&");
        if (pairs.length > MAX_PARAMETERS) {
            return "…";
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name == null || value == null || UnsafeText.check(name, false) != null
                    || UnsafeText.check(value, false) != null) {
                String shown = name == null || UnsafeText.check(name, false) != null ? "?" : name;
                return shown.length() > 50 ? shown.substring(0, 50) : shown;
            }
        }
        return null;
    }

    /** Percent-decoding as a form would be decoded, strictly: null when the bytes are not UTF-8 or a % is broken. */
    private static String decode(String raw) {
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                bytes[n++] = ' ';
            } else if (c > 0x7F) {
                return null;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The request with its language taken from the first few ranges of {@code Accept-Language}. */
    private static final class FewLanguages extends HttpServletRequestWrapper {

        private List<Locale> locales;

        FewLanguages(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Locale getLocale() {
            return locales().get(0);
        }

        @Override
        public Enumeration<Locale> getLocales() {
            return Collections.enumeration(locales());
        }

        private List<Locale> locales() {
            if (locales == null) {
                locales = parse(getHeader("Accept-Language"));
            }
            return locales;
        }

        /** The ranges in order of preference; Vietnamese, the product's language, when none is usable. */
        static List<Locale> parse(String header) {
            List<Locale> parsed = new ArrayList<>();
            if (header != null && header.length() <= 1_000) {
                String[] ranges = header.split(",");
                String firstFew = String.join(",", java.util.Arrays.copyOf(ranges,
                        Math.min(ranges.length, MAX_LANGUAGE_RANGES)));
                try {
                    for (Locale.LanguageRange range : Locale.LanguageRange.parse(firstFew)) {
                        if (range.getWeight() > 0 && !range.getRange().contains("*")) {
                            parsed.add(Locale.forLanguageTag(range.getRange()));
                        }
                    }
                } catch (IllegalArgumentException e) {
                    parsed.clear();
                }
            }
            if (parsed.isEmpty()) {
                parsed.add(VIETNAMESE);
            }
            return parsed;
        }
    }
}
