package vn.dvk.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.assertj.core.api.SoftAssertions;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.security.Role;

/**
 * The authorization matrix of one service, as data: for every endpoint, which roles may call it and whether it
 * touches objects of a unit. {@link #verify} first checks that the matrix names every endpoint the service exposes
 * (so an endpoint added later fails the build until someone decides who may use it), then calls each endpoint
 * without a token, and as every role from the object's own unit, its parent (the province) and a sibling commune,
 * with real tokens from the local stack's identity provider, and checks each answer:
 * <ul>
 * <li>no token: 401;</li>
 * <li>a role the endpoint does not allow: 403 {@code role-forbidden};</li>
 * <li>an allowed role from a sibling unit, on a unit-scoped endpoint: the answer for a missing object (404
 * {@code *-not-found}) or for a unit outside theirs (403 {@code unit-outside-scope}), never the object's content;</li>
 * <li>on province-wide administration ({@link Scope#TOP}), an allowed role from the own or sibling unit: 403
 * {@code admin-top-unit-only};</li>
 * <li>on an endpoint for the members a fixture names ({@link Scope#MEMBERS}), an allowed role from the own or sibling
 * unit: refused (403 or 404), never served;</li>
 * <li>otherwise the endpoint's success status.</li>
 * </ul>
 * The fixture object always belongs to {@link #OWN_UNIT}.
 */
public final class AccessMatrix {

    /** Phường Ba Đình, Hà Nội: the unit owning the fixture objects. */
    public static final String OWN_UNIT = "00004";
    /** Thành phố Hà Nội: contains {@link #OWN_UNIT}. */
    public static final String PARENT_UNIT = "01";
    /** Phường Ngọc Hà, Hà Nội: beside {@link #OWN_UNIT}, sharing its parent. */
    public static final String SIBLING_UNIT = "00008";

    public static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);

    /** Whose objects an endpoint touches, which decides what a sibling unit's caller gets. */
    public enum Scope {
        /** An object or a unit named in the request: the sibling is refused. */
        UNIT,
        /** Answers from the caller's own subtree only (or service-wide administration): the sibling is served too. */
        CALLER,
        /**
         * Work of the members a fixture names (a review panel, the superior level): the parent unit's caller is the
         * member and is served; the own and sibling units' callers are refused (403 or 404 with a problem detail),
         * never served.
         */
        MEMBERS,
        /**
         * Administration whose effect reaches every unit of the service (templates, rebuilds, dead letters): only the
         * top unit's (the province's) caller is served; the own and sibling units' callers, though allowed by role,
         * are refused with 403 {@code admin-top-unit-only}.
         */
        TOP
    }

    private record Row(String method, String pattern, Supplier<String> path, Supplier<String> body,
            String contentType, Set<Role> allowed, int success, Scope scope, boolean stream) {
    }

    /** An answer: its status and (for a stream, only the first line of) its body. */
    private record Answer(int status, String body) {
    }

    private static final String BOUNDARY = "dvk-access-matrix-boundary";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<Role, String> USER_PREFIX = Map.of(Role.ADMIN, "admin", Role.COORDINATOR,
            "coordinator", Role.REVIEWER, "reviewer", Role.UNIT_OFFICER, "officer", Role.VIEWER, "viewer");

    private final String baseUrl;
    private final RequestMappingHandlerMapping mappings;
    private final List<String> secrets;
    private final List<Row> rows = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * @param secrets what a refused caller must never see in an answer and did not send: the fixture's title and the
     *                like
     */
    public AccessMatrix(String baseUrl, RequestMappingHandlerMapping mappings, String... secrets) {
        this.baseUrl = baseUrl;
        this.mappings = mappings;
        this.secrets = List.of(secrets);
    }

    /**
     * One endpoint.
     *
     * @param pattern the mapping as declared, e.g. {@code /api/registration/registrations/{id}}
     * @param path    the concrete path to call, for an object of {@link #OWN_UNIT}
     * @param body    JSON body, or null
     */
    public AccessMatrix endpoint(String method, String pattern, String path, String body, Set<Role> allowed,
            int success, Scope scope) {
        return endpoint(method, pattern, () -> path, () -> body, allowed, success, scope);
    }

    /**
     * One endpoint whose every call needs a fresh object or body — a transition can happen only once to an object,
     * a title only once in a campaign: {@code path} and {@code body} are asked anew for each call.
     */
    public AccessMatrix endpoint(String method, String pattern, Supplier<String> path, Supplier<String> body,
            Set<Role> allowed, int success, Scope scope) {
        rows.add(new Row(method, pattern, path, body, "application/json", Set.copyOf(allowed), success, scope,
                false));
        return this;
    }

    /**
     * A server-sent event stream (GET, {@code Accept: text/event-stream}): an allowed caller gets its status and
     * first line, and the stream is then closed; a refused one gets the whole problem detail.
     */
    public AccessMatrix stream(String pattern, String path, Set<Role> allowed, Scope scope) {
        rows.add(new Row("GET", pattern, () -> path, () -> null, "application/json", Set.copyOf(allowed), 200, scope,
                true));
        return this;
    }

    /** One endpoint that takes a file upload (multipart/form-data, part {@code file}). */
    public AccessMatrix upload(String pattern, String path, String filename, String content, Set<Role> allowed,
            int success, Scope scope) {
        return upload(pattern, () -> path, filename, content, allowed, success, scope);
    }

    /** As {@link #upload(String, String, String, String, Set, int, Scope)}, to a fresh object for every call. */
    public AccessMatrix upload(String pattern, Supplier<String> path, String filename, String content,
            Set<Role> allowed, int success, Scope scope) {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
        rows.add(new Row("POST", pattern, path, () -> body, "multipart/form-data; boundary=" + BOUNDARY,
                Set.copyOf(allowed), success, scope, false));
        return this;
    }

    /**
     * The administration endpoints every service gets from the kit under its base path: dead letters (replaying a
     * record that is not there answers 404 once access is granted) and the audit trail.
     */
    public AccessMatrix kitEndpoints(String basePath) {
        Set<Role> admin = EnumSet.of(Role.ADMIN);
        return endpoint("GET", basePath + "/admin/dead-letters", basePath + "/admin/dead-letters", null, admin, 200,
                Scope.TOP)
                .endpoint("POST", basePath + "/admin/dead-letters/{partition}/{offset}/replay",
                        basePath + "/admin/dead-letters/0/999999/replay", null, admin, 404, Scope.TOP)
                .endpoint("GET", basePath + "/admin/audit", basePath + "/admin/audit", null, admin, 200,
                        Scope.CALLER);
    }

    /** The service's exposed endpoints, as {@code METHOD pattern}; springdoc's and the error page excluded. */
    public Set<String> exposedEndpoints() {
        Set<String> exposed = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Class<?> beanType = entry.getValue().getBeanType();
            String type = beanType.getName();
            if (type.startsWith("org.springdoc") || type.startsWith("org.springframework.boot")
                    || org.springframework.boot.webmvc.error.ErrorController.class.isAssignableFrom(beanType)) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("ANY");
            }
            for (String pattern : info.getPatternValues()) {
                methods.forEach(m -> exposed.add(m + " " + pattern));
            }
        }
        return exposed;
    }

    public void verify() throws IOException, InterruptedException {
        Set<String> covered = new TreeSet<>();
        rows.forEach(row -> covered.add(row.method() + " " + row.pattern()));
        assertThat(covered).as("the access matrix must name every endpoint the service exposes, and only those")
                .isEqualTo(exposedEndpoints());

        SoftAssertions softly = new SoftAssertions();
        Map<String, String> units = new LinkedHashMap<>();
        units.put("own", OWN_UNIT);
        units.put("parent", PARENT_UNIT);
        units.put("sibling", SIBLING_UNIT);
        for (Row row : rows) {
            Answer anonymous = call(row, row.path().get(), null);
            softly.assertThat(anonymous.status()).as("%s %s without a token", row.method(), row.pattern())
                    .isEqualTo(401);
            for (Role role : Role.values()) {
                for (Map.Entry<String, String> relation : units.entrySet()) {
                    String user = USER_PREFIX.get(role) + "." + relation.getValue();
                    String path = row.path().get();
                    Answer response = call(row, path, TestStack.token(user));
                    String what = "%s %s as %s (%s unit)".formatted(row.method(), path, user, relation.getKey());
                    if (!row.allowed().contains(role)) {
                        softly.assertThat(response.status()).as(what).isEqualTo(403);
                        softly.assertThat(code(response)).as(what).isEqualTo("role-forbidden");
                    } else if (row.scope() == Scope.TOP && !relation.getKey().equals("parent")) {
                        softly.assertThat(response.status()).as(what).isEqualTo(403);
                        softly.assertThat(code(response)).as(what).isEqualTo("admin-top-unit-only");
                    } else if (row.scope() == Scope.MEMBERS && !relation.getKey().equals("parent")) {
                        softly.assertThat(response.status()).as(what).isIn(403, 404);
                        softly.assertThat(code(response)).as(what).isNotNull();
                        for (String secret : secrets) {
                            softly.assertThat(response.body()).as(what).doesNotContain(secret);
                        }
                    } else if (relation.getKey().equals("sibling") && row.scope() == Scope.UNIT) {
                        softly.assertThat(response.status()).as(what).isIn(403, 404);
                        // Refused exactly as for an object that does not exist, or for a unit outside the caller's.
                        softly.assertThat(code(response)).as(what)
                                .matches(c -> c != null && (c.endsWith("-not-found") || c.equals("unit-outside-scope")));
                        for (String secret : secrets) {
                            softly.assertThat(response.body()).as(what).doesNotContain(secret);
                        }
                    } else {
                        softly.assertThat(response.status()).as(what + ": " + response.body())
                                .isEqualTo(row.success());
                    }
                }
            }
        }
        softly.assertAll();
    }

    private static String code(Answer response) {
        try {
            JsonNode code = JSON.readTree(response.body()).get("code");
            return code == null ? null : code.asString();
        } catch (RuntimeException e) {
            return "<not a problem detail: " + response.body() + ">";
        }
    }

    private Answer call(Row row, String path, String token) throws IOException, InterruptedException {
        String body = row.body().get();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(row.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", row.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!row.stream()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }
        request.header("Accept", "text/event-stream");
        HttpResponse<java.io.InputStream> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(response.body(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            return new Answer(response.statusCode(), response.statusCode() == 200 ? reader.readLine()
                    : reader.lines().collect(java.util.stream.Collectors.joining("\n")));
        }
    }
}
