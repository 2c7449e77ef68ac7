package vn.dvk.system;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * Hostile requests generated from the services' OpenAPI documents: for each operation a valid request (parameters,
 * body from its schema, existing ids), then copies of it that differ in one hostile aspect only — a parameter's
 * encoding or type, a path id, a header, the framing, the body as a whole, or one field of it (type, size, range,
 * nesting). Each copy is invalid, so a service must refuse it with a problem detail and store nothing.
 *
 * <p>First the known cases, for every operation they apply to; then cases drawn at random (from a fixed seed) from a
 * wider pool until the wanted number of requests is reached.
 *
 * <p>Which objects a request names: a spoilt body or query goes to existing objects (made by the test), so that it
 * reaches the services' logic; a spoilt header, path id or framing on an operation that changes something goes to ids
 * that do not exist, so that a server that wrongly lets it through still changes nothing (a change to a new object —
 * creating one — is sent as it is). Left out as harmless when accepted: a UTF-8 byte order mark, UTF-16 bodies, unknown
 * or repeated properties, unknown query parameters, empty optional strings, strings longer than usual where no
 * maximum says otherwise, dates far in the past, a multipart boundary longer than RFC 2046 allows.
 */
final class HostileRequests {

    /** An id no store holds. */
    static final String GARBAGE_ID = "fuzz-no-such-id";
    static final String GARBAGE_NUMBER = "987654321";

    enum Route { DIRECT, GATEWAY }

    record Param(String name, String in, JsonNode schema, boolean required) {
    }

    /** One operation of one service's OpenAPI document. */
    record Operation(String service, String method, String path, List<Param> params, String bodyType,
            JsonNode bodySchema, boolean sse, Schemas schemas, boolean gatewayOnly) {

        String label() {
            return method + " " + path;
        }

        boolean multipart() {
            return bodyType != null && bodyType.startsWith("multipart/");
        }

        boolean json() {
            return bodyType != null && bodyType.contains("json");
        }

        List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        /** Whether a 2xx answer may have stored something (a preview renders without storing). */
        boolean mutating() {
            return !method.equals("GET") && !method.equals("HEAD") && !path.endsWith("/preview");
        }
    }

    /** One hostile request, sent on each of its routes; the bearer token of {@code user} is added when sent. */
    record Hostile(String service, String operation, boolean mutating, String caseName, String detail,
            boolean known, String user, RawHttp.Request request, Set<Route> routes) {
    }

    /** The components of one OpenAPI document, to resolve {@code $ref}s. */
    static final class Schemas {
        private final JsonNode components;

        Schemas(JsonNode document) {
            this.components = document.path("components").path("schemas");
        }

        JsonNode resolve(JsonNode schema) {
            JsonNode s = schema;
            for (int i = 0; i < 20 && s != null && s.has("$ref"); i++) {
                String ref = s.get("$ref").asString();
                s = components.path(ref.substring(ref.lastIndexOf('/') + 1));
            }
            if (s != null && s.has("allOf") && s.get("allOf").size() == 1) {
                return resolve(s.get("allOf").get(0));
            }
            return s;
        }

        static String type(JsonNode schema) {
            JsonNode type = schema.path("type");
            if (type.isArray()) {
                for (JsonNode t : type) {
                    if (!"null".equals(t.asString())) {
                        return t.asString();
                    }
                }
            }
            if (type.isString()) {
                return type.asString();
            }
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
    }

    /** Reads the operations of one document; {@code prefix} keeps only the paths under it. */
    static List<Operation> operations(String service, JsonNode document, String prefix, boolean gatewayOnly) {
        Schemas schemas = new Schemas(document);
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            if (!path.getKey().startsWith(prefix)) {
                continue;
            }
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                JsonNode op = entry.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    params.add(new Param(p.path("name").asString(), p.path("in").asString(),
                            schemas.resolve(p.path("schema")), p.path("required").asBoolean(false)));
                }
                String bodyType = null;
                JsonNode bodySchema = null;
                for (Map.Entry<String, JsonNode> content : op.path("requestBody").path("content").properties()) {
                    bodyType = content.getKey();
                    bodySchema = schemas.resolve(content.getValue().path("schema"));
                    break;
                }
                boolean sse = false;
                for (JsonNode response : op.path("responses").values()) {
                    sse |= response.path("content").has("text/event-stream");
                }
                operations.add(new Operation(service, entry.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(params), bodyType, bodySchema, sse, schemas, gatewayOnly));
            }
        }
        return operations;
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A value written out as it is: JSON that no serializer would produce ({@code 1e100000}, invalid escapes). */
    record Raw(String json) {
    }

    /** A PDF with one empty page: a valid attachment. */
    static final byte[] MINIMAL_PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R"
            + "/MediaBox[0 0 100 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    private static final String LONG_TEXT;
    private static final String ACCEPT_LANGUAGE_200;

    static {
        StringBuilder text = new StringBuilder(300_000);
        while (text.length() < 300_000) {
            text.append("Dân vận khéo ");
        }
        LONG_TEXT = text.substring(0, 300_000);
        // 200 well-formed language tags, with weights.
        List<String> tags = java.util.Arrays.stream(Locale.getAvailableLocales()).map(Locale::toLanguageTag)
                .filter(t -> t.contains("-") && !t.contains("-x-") && !t.contains("-u-")).distinct().sorted()
                .limit(200).toList();
        List<String> weighted = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            weighted.add(tags.get(i) + ";q=0." + (9 - i % 9));
        }
        ACCEPT_LANGUAGE_200 = String.join(", ", weighted);
    }

    private final Random random;
    private final Map<String, String> ids;
    private final Map<String, String> users;
    private final LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private final List<Hostile> generated = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    /** Patterns of string schemas this generator had no valid example for (reported, to keep the generator honest). */
    final Set<String> unknownPatterns = new java.util.TreeSet<>();

    /**
     * @param ids   existing objects by kind (campaign, draftCampaign, registration, draftRegistration, organisation,
     *              attachment, rubric, round, scheme, recipient, inbox, delivery)
     * @param users the demo user each operation is called as (label -> user)
     */
    HostileRequests(long seed, Map<String, String> ids, Map<String, String> users) {
        this.random = new Random(seed);
        this.ids = ids;
        this.users = users;
    }

    /** The known cases of every operation, then random ones until {@code wanted} requests (over all routes). */
    List<Hostile> generate(List<Operation> operations, int wanted) {
        for (Operation op : operations) {
            knownCases(op);
        }
        extras();
        int attempts = 0;
        while (count() < wanted && attempts++ < wanted * 20) {
            Operation op = operations.get(random.nextInt(operations.size()));
            randomCase(op);
        }
        return List.copyOf(generated);
    }

    private int count() {
        return generated.stream().mapToInt(h -> h.routes().size()).sum();
    }

    // --- the known cases -------------------------------------------------------------------------------------------

    private void knownCases(Operation op) {
        for (Param p : op.params("query")) {
            add(queryCase(op, p, "bad percent-encoding [%FF]", "%FF"), true);
            if (p.name().equals("q")) {
                add(queryCase(op, p, "NUL in q [a%00b]", "a%00b"), true);
            }
            String format = p.schema().path("format").asString("");
            if (format.equals("date")) {
                add(queryCase(op, p, "date out of range [+999999999-12-31]", "%2B999999999-12-31"), true);
            } else if (format.equals("date-time")) {
                add(queryCase(op, p, "date-time out of range [+999999999-12-31T23:59:59Z]",
                        "%2B999999999-12-31T23:59:59Z"), true);
            }
            String type = Schemas.type(p.schema());
            if (type.equals("integer") || type.equals("number")) {
                add(queryCase(op, p, "number out of range [1e100000]", "1e100000"), true);
            }
        }
        for (Param p : op.params("header")) {
            add(headerParamCase(op, p, "header parameter out of range [1e100000]", "1e100000"), true);
        }
        for (Param p : op.params("path")) {
            add(pathCase(op, p, "path id with a pipe [a|b, raw]", "a|b"), true);
            add(pathCase(op, p, "path id with a pipe [a%7Cb]", "a%7Cb"), true);
        }
        Draft refusable = refusable(op);
        if (refusable != null) {
            add(refusable.header("Accept-Language", ACCEPT_LANGUAGE_200)
                    .named("Accept-Language with 200 languages (on a refused request)", refusable.detail), true);
        }
        add(transferEncodingGzip(op), true);
        if (op.json()) {
            Draft base = base(op, true);
            add(base.copy().body(new byte[0]).named("body empty", ""), true);
            add(base.copy().body(bytes("{")).named("body invalid JSON [{]", ""), true);
            add(base.copy().body(bytes(nested(5000, "[", "]", "1"))).named("body nested 5,000 levels [arrays]", ""),
                    true);
            add(base.copy().body(bytes(nested(5000, "{\"a\":", "}", "1")))
                    .named("body nested 5,000 levels [objects]", ""), true);
            for (Site site : sites(op)) {
                for (Variant variant : variants(site, true)) {
                    add(bodyCase(op, site, variant), true);
                }
            }
        }
        if (op.bodyType() != null) {
            Draft headerBase = op.path().contains("{") && op.mutating() ? base(op, false) : base(op, true);
            add(headerBase.copy().contentType("*/*").named("Content-Type */*", ""), true);
            add(headerBase.copy().contentType("application/json, text/plain")
                    .named("Content-Type list [application/json, text/plain]", ""), true);
        }
        if (op.multipart()) {
            Draft base = base(op, true);
            add(base.copy().contentType("multipart/form-data; boundary=not-the-boundary-used")
                    .named("multipart bad boundary", ""), true);
            byte[] whole = base.body;
            add(base.copy().body(java.util.Arrays.copyOf(whole, whole.length / 2)).named("multipart truncated", ""),
                    true);
        }
    }

    /** Requests that are not operations of a document. */
    private void extras() {
        for (String service : List.of("registration", "evaluation", "notification")) {
            Draft error = new Draft(null, service, "GET /error", false, "admin.01", "GET", "/error");
            add(error.named("GET /error", ""), true, Set.of(Route.DIRECT));
            Draft unknown = new Draft(null, service, "GET /api/" + service + "/{unknown}", false, "admin.01", "GET",
                    "/api/" + service + "/fuzz-no-such-path");
            add(unknown.named("unknown path under /api", ""), true);
        }
        Draft error = new Draft(null, "gateway", "GET /error", false, "admin.01", "GET", "/error");
        add(error.named("GET /error", ""), true, Set.of(Route.GATEWAY));
    }

    // --- random cases ----------------------------------------------------------------------------------------------

    private void randomCase(Operation op) {
        List<Supplier<Draft>> pool = new ArrayList<>();
        for (Param p : op.params("query")) {
            pool.add(() -> {
                String[] v = pick(queryValues(p));
                return queryCase(op, p, v[0], v[1]);
            });
        }
        if (!op.params("query").isEmpty()) {
            pool.add(() -> {
                Param p = pick(op.params("query"));
                return queryCase(op, p, "value of 300,000 characters", "q".repeat(300_000));
            });
            pool.add(() -> {
                Param p = pick(op.params("query"));
                Draft d = base(op, true);
                for (int i = 0; i < 1000; i++) {
                    d.query.add(new String[] {p.name(), "%FF"});
                }
                return d.named("query parameter repeated 1,000 times with %FF", p.name());
            });
        }
        for (Param p : op.params("header")) {
            pool.add(() -> headerParamCase(op, p, "header parameter of 10,000 characters", "9".repeat(10_000)));
            pool.add(() -> headerParamCase(op, p, "header parameter not a number [-1x]", "-1x"));
        }
        for (Param p : op.params("path")) {
            pool.add(() -> {
                String[] v = pick(PATH_VALUES);
                return pathCase(op, p, v[0], v[1]);
            });
        }
        pool.add(() -> {
            Draft refusable = refusable(op);
            if (refusable == null) {
                return null;
            }
            String[] v = pick(new String[][] {{"Accept-Language [*;q=abc]", "*;q=abc"},
                    {"Accept-Language of 8,000 characters", "vi-" + "a".repeat(8000)},
                    {"Accept-Language garbage [@@,;;,==]", "@@,;;,=="},
                    {"Accept-Language with 1,000 languages", String.join(",", Collections.nCopies(1000, "vi-VN"))}});
            return refusable.header("Accept-Language", v[1]).named(v[0] + " (on a refused request)",
                    refusable.detail);
        });
        if (!op.mutating()) {
            pool.add(() -> {
                String[] v = pick(new String[][] {{"X-Correlation-Id of 10,000 characters", "c".repeat(10_000)},
                        {"X-Correlation-Id with | and spaces", "a|b c"}, {"X-Correlation-Id [%FF]", "%FF"}});
                return base(op, true).header("X-Correlation-Id", v[1]).named(v[0], "");
            });
        }
        pool.add(() -> {
            // No operation of the documents is a PATCH: whatever the rest of the request, it must be refused (405).
            Draft d = base(op, true);
            d.method = "PATCH";
            return d.named("method not in the document [PATCH]", "");
        });
        if (op.bodyType() != null) {
            pool.add(() -> {
                String[] v = pick(new String[][] {{"Content-Type text/plain", "text/plain"},
                        {"Content-Type with a bad charset", "application/json; charset=no-such-charset"},
                        {"Content-Type garbage [;;;]", ";;;"}, {"Content-Type application/xml", "application/xml"},
                        {"Content-Type form", "application/x-www-form-urlencoded"},
                        {"Content-Type multipart without boundary", "multipart/form-data"},
                        {"Content-Type missing", null}});
                Draft d = op.path().contains("{") && op.mutating() ? base(op, false) : base(op, true);
                if (v[1] == null) {
                    d.headers.removeIf(h -> h[0].equals("Content-Type"));
                    return d.named(v[0], "");
                }
                return d.contentType(v[1]).named(v[0], "");
            });
            pool.add(() -> {
                Draft d = op.path().contains("{") && op.mutating() ? base(op, false) : base(op, true);
                d.headers.add(new String[] {"Transfer-Encoding", "gzip, chunked"});
                d.contentLength = false;
                d.body = chunk(d.body);
                return d.named("Transfer-Encoding gzip, chunked (not gzipped)", "");
            });
        }
        if (op.json()) {
            pool.add(() -> {
                String[] v = pick(WHOLE_BODIES);
                return base(op, true).body(v[1].getBytes(StandardCharsets.ISO_8859_1)).named(v[0], "");
            });
            pool.add(() -> base(op, true).body(bytes(nested(100_000, "[", "]", "1")))
                    .named("body nested 100,000 levels", ""));
            pool.add(() -> {
                Draft d = base(op, true);
                String json = new String(d.body, StandardCharsets.UTF_8);
                int quote = json.indexOf("\":\"");
                if (quote < 0) {
                    return null;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(json.substring(0, quote + 3).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0xAF});
                out.writeBytes(json.substring(quote + 3).getBytes(StandardCharsets.UTF_8));
                return d.body(out.toByteArray()).named("body with invalid UTF-8 bytes in a string", "");
            });
            List<Site> sites = sites(op);
            if (!sites.isEmpty()) {
                pool.add(() -> {
                    Site site = pick(sites);
                    List<Variant> variants = variants(site, false);
                    return variants.isEmpty() ? null : bodyCase(op, site, pick(variants));
                });
                pool.add(() -> {
                    Site site = pick(sites);
                    List<Variant> variants = variants(site, true);
                    return variants.isEmpty() ? null : bodyCase(op, site, pick(variants));
                });
                pool.add(() -> {
                    Site site = sites.stream().filter(s -> s.kind() == Kind.STRING).findFirst().orElse(null);
                    return site == null ? null : bodyCase(op, site,
                            new Variant("body over 1 MB [1,200,000-character string]", "x".repeat(1_200_000)));
                });
            }
        }
        if (op.multipart()) {
            pool.add(() -> multipartCase(op));
        }
        if (pool.isEmpty()) {
            return;
        }
        Draft draft = pick(pool).get();
        if (draft != null) {
            add(draft, false);
        }
    }

    private static final String[][] PATH_VALUES = {{"path id [%FF]", "%FF"}, {"path id with NUL [%00]", "a%00b"},
            {"path id with encoded slash [%2F]", "a%2Fb"}, {"path id [..]", ".."}, {"path id [%2E%2E]", "%2E%2E"},
            {"path id with ; [a;b=c]", "a;b=c"}, {"path id with encoded ; [%3B]", "a%3Bb"},
            {"path id of 10,000 characters", "i".repeat(10_000)}, {"path id of 300,000 characters", null},
            {"path id with encoded % [%25]", "a%25b"}, {"path id with space [%20]", "a%20b"},
            {"path id with non-ASCII [Ấp]", "%E1%BA%A4p"}, {"path id with overlong UTF-8 [%C0%AF]", "%C0%AF"},
            {"path id with a lone surrogate [%ED%A0%80]", "%ED%A0%80"}, {"path id with braces [{id}]", "%7Bid%7D"},
            {"path id a number out of range [1e100000]", "1e100000"},
            {"path id a number out of range [99999999999999999999]", "99999999999999999999"},
            {"path id negative [-1]", "-1"}, {"path id with a backslash [%5C]", "a%5Cb"},
            {"path id with a raw quote [\"]", "a\"b"}, {"path id with raw < > [<x>]", "%3Cx%3E"}};

    private static final String[][] WHOLE_BODIES = {{"body [] (array)", "[]"}, {"body null", "null"},
            {"body a number [0]", "0"}, {"body a string", "\"x\""}, {"body trailing garbage [{}x]", "{}x"},
            {"body invalid JSON [{\"a\":}]", "{\"a\":}"}, {"body single quotes", "{'a':'b'}"},
            {"body with comments", "/* c */ {}"}, {"body NaN", "{\"a\":NaN}"}, {"body only whitespace", "   \n\t "},
            {"body NUL bytes", "\u0000\u0000\u0000"}, {"body truncated string", "{\"title\":\"abc"},
            {"body unescaped control character", "{\"title\":\"a\u0001b\"}"},
            {"body invalid escape [\\x]", "{\"title\":\"\\x41\"}"}};

    private String[][] queryValues(Param p) {
        List<String[]> values = new ArrayList<>(List.of(new String[] {"bad percent-encoding [%]", "%"},
                new String[] {"bad percent-encoding [%G1]", "%G1"},
                new String[] {"overlong UTF-8 [%C0%AF]", "%C0%AF"},
                new String[] {"encoded lone surrogate [%ED%A0%80]", "%ED%A0%80"},
                new String[] {"truncated UTF-8 [%E0%A4]", "%E0%A4"},
                new String[] {"NUL [%00]", "%00"}, new String[] {"empty value", ""},
                new String[] {"value of 10,000 characters", "v".repeat(10_000)},
                new String[] {"raw non-ASCII bytes [Ấ]", "\u00e1\u00ba\u00a4"}));
        String type = Schemas.type(p.schema());
        String format = p.schema().path("format").asString("");
        if (type.equals("integer") || type.equals("number")) {
            values.addAll(List.of(new String[] {"not a number [abc]", "abc"},
                    new String[] {"number out of range [99999999999999999999]", "99999999999999999999"},
                    new String[] {"negative number [-1]", "-1"}, new String[] {"fraction for integer [1.5]", "1.5"},
                    new String[] {"NaN", "NaN"}, new String[] {"number out of range [-2147483649]", "-2147483649"}));
        }
        if (type.equals("boolean")) {
            values.add(new String[] {"not a boolean [maybe]", "maybe"});
        }
        if (format.equals("date") || format.equals("date-time")) {
            values.addAll(List.of(new String[] {"date out of range [-999999999-01-01]", "-999999999-01-01"},
                    new String[] {"date with + unencoded [+999999999-12-31]", "+999999999-12-31"},
                    new String[] {"impossible date [2026-02-30]", "2026-02-30"},
                    new String[] {"date-time for date", "2026-01-01T00:00:00Z"},
                    new String[] {"date for date-time", "2026-01-01"}));
        }
        if (!type.equals("integer") && !type.equals("number") && !type.equals("boolean") && format.isEmpty()) {
            values.addAll(List.of(new String[] {"enum-like value with NUL [COLLECTIVE%00]", "COLLECTIVE%00"},
                    new String[] {"regular-expression metacharacters [.*(]", ".*%28%5B"},
                    new String[] {"Mongo operator [{\"$ne\":null}]", "%7B%22%24ne%22%3Anull%7D"}));
        }
        return values.toArray(String[][]::new);
    }

    private Draft multipartCase(Operation op) {
        Draft base = base(op, true);
        String boundary = "----dvkfuzz" + random.nextInt(1_000_000);
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        String[][] cases = {{"multipart without boundary parameter"}, {"multipart empty body"},
                {"multipart part without Content-Disposition"},
                {"multipart without the file part"}, {"multipart/mixed"}, {"multipart with a JSON body"},
                {"multipart part header of 100,000 characters"}, {"multipart preamble of NUL bytes, no parts"},
                {"multipart file not a spreadsheet (truncated zip)"}, {"multipart closing boundary only"}};
        String which = pick(cases)[0];
        switch (which) {
            case "multipart without boundary parameter":
                return base.contentType("multipart/form-data").named(which, "");
            case "multipart empty body":
                return base.body(new byte[0]).named(which, "");
            case "multipart part without Content-Disposition":
                return base.contentType("multipart/form-data; boundary=" + boundary)
                        .body(multipart(boundary, null, "text/csv", csv, true)).named(which, "");
            case "multipart without the file part":
                return base.contentType("multipart/form-data; boundary=" + boundary)
                        .body(multipart(boundary, "form-data; name=\"other\"", "text/plain", csv, true))
                        .named(which, "");
            case "multipart/mixed":
                return base.contentType("multipart/mixed; boundary=" + boundary)
                        .body(multipart(boundary, "form-data; name=\"file\"; filename=\"a.csv\"", "text/csv", csv,
                                true)).named(which, "");
            case "multipart with a JSON body":
                return base.contentType("application/json").body(bytes("{\"file\":\"a,b\"}")).named(which, "");
            case "multipart part header of 100,000 characters":
                return base.contentType("multipart/form-data; boundary=" + boundary)
                        .body(multipart(boundary, "form-data; name=\"file\"; filename=\"" + "n".repeat(100_000)
                                + ".csv\"", "text/csv", csv, true)).named(which, "");
            case "multipart preamble of NUL bytes, no parts":
                return base.contentType("multipart/form-data; boundary=" + boundary).body(new byte[4096])
                        .named(which, "");
            case "multipart closing boundary only":
                return base.contentType("multipart/form-data; boundary=" + boundary)
                        .body(bytes("--" + boundary + "--\r\n")).named(which, "");
            default: {
                byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0x7f, 0x7f, 0x7f};
                return base.contentType("multipart/form-data; boundary=" + boundary)
                        .body(multipart(boundary, "form-data; name=\"file\"; filename=\"du-lieu.xlsx\"",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", zip, true))
                        .named(which, "");
            }
        }
    }

    // --- building requests -----------------------------------------------------------------------------------------

    /** A request being built. */
    final class Draft {
        final Operation op;
        final String service;
        final String operation;
        final boolean mutating;
        final String user;
        String method;
        final String pathTemplate;
        final Map<String, String> path = new LinkedHashMap<>();
        final List<String[]> query = new ArrayList<>();
        final List<String[]> headers = new ArrayList<>();
        byte[] body;
        boolean contentLength = true;
        boolean halfClose;
        String caseName;
        String detail = "";

        Draft(Operation op, String service, String operation, boolean mutating, String user, String method,
                String pathTemplate) {
            this.op = op;
            this.service = service;
            this.operation = operation;
            this.mutating = mutating;
            this.user = user;
            this.method = method;
            this.pathTemplate = pathTemplate;
            headers.add(new String[] {"Accept", op != null && op.sse() ? "text/event-stream" : "*/*"});
        }

        Draft copy() {
            Draft d = new Draft(op, service, operation, mutating, user, method, pathTemplate);
            d.headers.clear();
            headers.forEach(h -> d.headers.add(h.clone()));
            d.path.putAll(path);
            query.forEach(q -> d.query.add(q.clone()));
            d.body = body;
            d.contentLength = contentLength;
            d.halfClose = halfClose;
            d.detail = detail;
            return d;
        }

        Draft named(String caseName, String detail) {
            this.caseName = caseName;
            this.detail = detail;
            return this;
        }

        Draft header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Draft contentType(String value) {
            headers.removeIf(h -> h[0].equals("Content-Type"));
            headers.add(new String[] {"Content-Type", value});
            return this;
        }

        Draft body(byte[] body) {
            this.body = body;
            return this;
        }

        String target() {
            String target = pathTemplate;
            for (Map.Entry<String, String> e : path.entrySet()) {
                target = target.replace("{" + e.getKey() + "}", e.getValue());
            }
            if (!query.isEmpty()) {
                StringBuilder q = new StringBuilder();
                for (String[] p : query) {
                    q.append(q.length() == 0 ? '?' : '&').append(p[0]).append('=').append(p[1]);
                }
                target += q;
            }
            return target;
        }
    }

    /** The operation called validly: existing ids ({@code realIds}) or an id nothing has. */
    private Draft base(Operation op, boolean realIds) {
        Draft d = new Draft(op, op.service(), op.label(), op.mutating(), users.getOrDefault(op.label(), "admin.01"),
                op.method(), op.path());
        for (Param p : op.params("path")) {
            String type = Schemas.type(p.schema());
            d.path.put(p.name(), realIds ? encodePath(pathValue(op, p.name()))
                    : type.equals("integer") ? GARBAGE_NUMBER : GARBAGE_ID);
        }
        for (Param p : op.params("query")) {
            if (p.required() || p.name().equals("unitCode")) {
                d.query.add(new String[] {p.name(), encodeQuery(queryValue(op, p))});
            }
        }
        if (op.json()) {
            Object value = value(op, "", op.bodySchema(), 0);
            d.body = bytes(write(value));
            d.contentType("application/json");
        } else if (op.multipart()) {
            String boundary = "----dvkfuzzboundary";
            boolean attachment = op.path().contains("attachments");
            d.body = attachment
                    ? multipart(boundary, "form-data; name=\"file\"; filename=\"bien-ban.pdf\"", "application/pdf",
                            MINIMAL_PDF, true)
                    : multipart(boundary, "form-data; name=\"file\"; filename=\"du-lieu.csv\"", "text/csv",
                            "Mã đơn vị,Tên\n00004,Ba Đình\n".getBytes(StandardCharsets.UTF_8), true);
            d.contentType("multipart/form-data; boundary=" + boundary);
        }
        return d;
    }

    /**
     * The operation called so that it must be refused, to carry a hostile header: an id nothing has, else a body
     * that is not JSON, else (reads) a page number that is not a number; null for an operation with nothing to refuse.
     */
    private Draft refusable(Operation op) {
        if (!op.params("path").isEmpty()) {
            return base(op, false).named(null, "ids: " + GARBAGE_ID);
        }
        if (op.json()) {
            return base(op, true).body(bytes("{")).named(null, "body: {");
        }
        if (op.multipart()) {
            String boundary = "----dvkfuzzboundary";
            return base(op, true).body(multipart(boundary, "form-data; name=\"other\"", "text/plain",
                    bytes("x"), true)).named(null, "body: a multipart body without the file part");
        }
        if (!op.mutating()) {
            Draft d = base(op, true);
            for (Param p : op.params("query")) {
                String type = Schemas.type(p.schema());
                if (type.equals("integer")) {
                    d.query.removeIf(q -> q[0].equals(p.name()));
                    d.query.add(new String[] {p.name(), "abc"});
                    return d.named(null, p.name() + "=abc");
                }
            }
            return d.named(null, "(a valid read)");
        }
        return null;
    }

    /**
     * A request to find out who may call an operation, changing nothing where it can: the refused form of it where
     * there is one, else the operation itself (a read, a change with nothing to refuse, an upload without path ids).
     */
    RawHttp.Request probe(Operation op) {
        Draft d;
        if (op.multipart()) {
            // A multipart body is read before the roles are checked: a malformed one is refused for everyone.
            d = base(op, op.params("path").isEmpty());
        } else {
            d = op.mutating() ? refusable(op) : null;
            if (d == null) {
                d = base(op, true);
            }
        }
        return new RawHttp.Request(d.method, d.target(), List.copyOf(d.headers), d.body, d.contentLength,
                d.halfClose);
    }

    private Draft queryCase(Operation op, Param p, String caseName, String rawValue) {
        Draft d = base(op, true);
        d.query.removeIf(q -> q[0].equals(p.name()));
        d.query.add(new String[] {p.name(), rawValue});
        return d.named("query " + caseName, p.name());
    }

    private Draft headerParamCase(Operation op, Param p, String caseName, String value) {
        return base(op, true).header(p.name(), value).named(caseName, p.name());
    }

    private Draft pathCase(Operation op, Param p, String caseName, String rawValue) {
        Draft d = base(op, !op.mutating() || op.bodyType() != null);
        d.path.put(p.name(), rawValue == null ? "p".repeat(300_000) : rawValue);
        return d.named(caseName, p.name());
    }

    private Draft transferEncodingGzip(Operation op) {
        Draft d = base(op, !op.mutating() || op.params("path").isEmpty());
        if (d.body == null) {
            d.body = bytes("{}");
        }
        d.header("Transfer-Encoding", "gzip");
        d.contentLength = false;
        d.halfClose = true;
        return d.named("Transfer-Encoding gzip", "");
    }

    private Draft bodyCase(Operation op, Site site, Variant variant) {
        Draft d = base(op, true);
        Object root = value(op, "", op.bodySchema(), 0);
        Object changed = replace(root, site.path(), 0, variant.value());
        return d.body(bytes(write(changed))).named("field " + variant.name(), site.describe());
    }

    private void add(Draft draft, boolean known) {
        add(draft, known, draft.op != null && draft.op.gatewayOnly() ? Set.of(Route.GATEWAY)
                : Set.of(Route.DIRECT, Route.GATEWAY));
    }

    private void add(Draft draft, boolean known, Set<Route> routes) {
        if (draft == null) {
            return;
        }
        String target = draft.target();
        String key = draft.service + " " + routes + " " + draft.method + " " + target.hashCode() + " "
                + draft.caseName + " " + draft.detail + " " + java.util.Arrays.hashCode(draft.body)
                + draft.headers.size();
        if (!seen.add(key)) {
            return;
        }
        RawHttp.Request request = new RawHttp.Request(draft.method, target, List.copyOf(draft.headers), draft.body,
                draft.contentLength, draft.halfClose);
        generated.add(new Hostile(draft.service, draft.operation, draft.mutating || draft.method.equals("PATCH"),
                draft.caseName, draft.detail, known, draft.user, request, routes));
    }

    // --- values ----------------------------------------------------------------------------------------------------

    /** Where an existing object of the right kind is known, its id; else one that does not exist. */
    private String pathValue(Operation op, String name) {
        String path = op.path();
        String segment = path.substring(0, path.indexOf("{" + name + "}"));
        switch (name) {
            case "campaignId":
                return ids.getOrDefault("campaign", GARBAGE_ID);
            case "registrationId":
                return ids.getOrDefault("registration", GARBAGE_ID);
            case "attachmentId":
                return ids.getOrDefault("attachment", GARBAGE_ID);
            case "subjectKey":
                return "00004";
            case "type":
                return "REGISTRATION_SUBMITTED";
            case "language":
                return "vi";
            case "partition":
            case "offset":
                return GARBAGE_NUMBER;
            case "code":
                return segment.endsWith("/historical/") ? "001" : "00004";
            default:
                break;
        }
        if (segment.endsWith("/campaigns/")) {
            return op.method().equals("PUT") ? ids.getOrDefault("draftCampaign", GARBAGE_ID)
                    : ids.getOrDefault("campaign", GARBAGE_ID);
        }
        if (segment.endsWith("/registrations/")) {
            return op.method().equals("PUT") || path.contains("/attachments")
                    ? ids.getOrDefault("draftRegistration", GARBAGE_ID) : ids.getOrDefault("registration", GARBAGE_ID);
        }
        Map<String, String> byCollection = Map.of("/organisations/", "organisation", "/rounds/", "round",
                "/grading-schemes/", "scheme", "/criteria-sets/", "rubric", "/recipients/", "recipient", "/inbox/",
                "inbox", "/deliveries/", "delivery", "/dossiers/", "registration");
        for (Map.Entry<String, String> e : byCollection.entrySet()) {
            if (segment.endsWith(e.getKey())) {
                return ids.getOrDefault(e.getValue(), GARBAGE_ID);
            }
        }
        return GARBAGE_ID;
    }

    private String queryValue(Operation op, Param p) {
        switch (p.name()) {
            case "unitCode":
                return op.path().contains("/inbox") || op.path().contains("/quota-status")
                        || op.path().contains("/progress-due") ? "00004" : "01";
            case "campaignId":
                return ids.getOrDefault("campaign", GARBAGE_ID);
            case "kind":
                return op.path().contains("/organisations") ? "SCHOOL" : "COLLECTIVE";
            default:
                Object value = value(op, p.name(), p.schema(), 0);
                return value instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(value);
        }
    }

    /** A valid value for a schema, chosen by its type, format, pattern and the property's name. */
    private Object value(Operation op, String name, JsonNode schema, int depth) {
        JsonNode s = op.schemas().resolve(schema);
        if (s == null || s.isMissingNode()) {
            return "x";
        }
        if (s.has("enum")) {
            return s.get("enum").get(0).asString();
        }
        String type = Schemas.type(s);
        switch (type) {
            case "object": {
                Map<String, Object> map = new LinkedHashMap<>();
                if (s.has("properties") && depth < 6) {
                    for (Map.Entry<String, JsonNode> p : s.get("properties").properties()) {
                        map.put(p.getKey(), value(op, p.getKey(), p.getValue(), depth + 1));
                    }
                } else if (s.has("additionalProperties") && s.get("additionalProperties").isObject()) {
                    String key = mapKey(op, name);
                    Object v = name.equals("criteriaSets") ? ids.getOrDefault("rubric", GARBAGE_ID)
                            : value(op, name + ".value", s.get("additionalProperties"), depth + 1);
                    map.put(key, v);
                }
                return map;
            }
            case "array": {
                List<Object> list = new ArrayList<>();
                String item = switch (name) {
                    case "registrationIds" -> ids.getOrDefault("registration", GARBAGE_ID);
                    case "reviewers" -> "reviewer.01";
                    case "roles" -> "UNIT_OFFICER";
                    default -> null;
                };
                list.add(item != null ? item : value(op, name, s.path("items"), depth + 1));
                return list;
            }
            case "integer":
                return integer(name, s);
            case "number":
                return number(name);
            case "boolean":
                return name.equals("active");
            default:
                return string(op, name, s);
        }
    }

    private String mapKey(Operation op, String name) {
        switch (name) {
            case "scores":
                return op.path().contains("grading-schemes") ? "TC1" : "DK";
            case "criteriaSets":
                return "COLLECTIVE";
            case "values":
                return "unitName";
            default:
                return "key";
        }
    }

    private Object integer(String name, JsonNode s) {
        if (name.equals("year")) {
            return today.getYear();
        }
        if (s.has("minimum")) {
            return s.get("minimum").asInt();
        }
        return switch (name) {
            case "households", "units" -> 3;
            case "page" -> 0;
            case "size" -> 20;
            default -> 1;
        };
    }

    private Object number(String name) {
        return switch (name) {
            case "selfMax", "superiorMax", "baseline", "target", "actual" -> 10;
            case "minPoints" -> 0;
            case "score", "scores.value" -> 5;
            case "hectares" -> 1.5;
            default -> 1;
        };
    }

    private static final Map<String, String> PATTERNS = Map.ofEntries(
            Map.entry("\\d{2}|\\d{5}", "00004"), Map.entry("\\d{2}|\\d{3}|\\d{5}", "001"),
            Map.entry("\\d{5}", "00004"), Map.entry("[A-Za-z0-9_-]{1,20}", "TC1"), Map.entry("[A-Z_]{1,30}", "GOOD"),
            Map.entry("([01]\\d|2[0-3]):[0-5]\\d", "22:00"), Map.entry("(\\+84|0)\\d{9,10}", "0912345678"),
            Map.entry("vi|en", "vi"), Map.entry("P(\\d+D)?(T(\\d+H)?(\\d+M)?)?", "P3D"),
            Map.entry("[A-Za-z0-9._@-]+", "fuzz.recipient"),
            Map.entry("\\d{2}|\\d{5}|[A-Z0-9][A-Z0-9._-]{1,39}", "00004"));

    private String string(Operation op, String name, JsonNode s) {
        String format = s.path("format").asString("");
        if (format.equals("date")) {
            return date(name).toString();
        }
        if (format.equals("date-time")) {
            return today.atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant().toString();
        }
        if (format.equals("email")) {
            return "fuzz@example.vn";
        }
        boolean province = op.path().matches(".*/(campaigns|rounds|criteria-sets|grading-schemes)(/\\{id})?$")
                || name.equals("unitCode") && op.path().endsWith("/panel");
        switch (name) {
            case "campaignId":
                return ids.getOrDefault("campaign", GARBAGE_ID);
            case "organisationId":
                return ids.getOrDefault("organisation", GARBAGE_ID);
            case "criteriaSetId":
                return ids.getOrDefault("rubric", GARBAGE_ID);
            case "unitCode":
                return province ? "01" : "00004";
            case "username":
                return op.path().endsWith("/panel") ? "reviewer.01" : "fuzz.recipient";
            case "field":
                return "ECONOMY";
            case "code":
                return op.path().contains("grading-schemes") ? "TC1" : "DK";
            case "url":
                return "https://example.vn/minh-chung";
            default:
                break;
        }
        if (s.has("pattern")) {
            String example = PATTERNS.get(s.get("pattern").asString());
            if (example == null) {
                unknownPatterns.add(s.get("pattern").asString() + " (" + name + ")");
                return "x";
            }
            return example;
        }
        String text = "Mô hình thử nghiệm " + name;
        int min = s.path("minLength").asInt(0);
        int max = s.path("maxLength").asInt(Integer.MAX_VALUE);
        while (text.length() < min) {
            text += " thêm";
        }
        return text.length() > max ? text.substring(0, max) : text;
    }

    private LocalDate date(String name) {
        return switch (name) {
            case "opens" -> today.minusDays(1);
            case "closes" -> today.plusDays(30);
            case "endDate" -> today.plusDays(60);
            case "startDate", "reportedOn", "date", "due", "progressDue" -> today;
            case "midTermReview" -> today.plusDays(15);
            case "finalReview" -> today.plusDays(25);
            default -> today.plusDays(10);
        };
    }

    // --- body fields and their hostile values ----------------------------------------------------------------------

    enum Kind { STRING, ENUM, DATE, DATE_TIME, DURATION, INTEGER, NUMBER, BOOLEAN, ARRAY, OBJECT, MAP }

    /** A place in a body: the path to it (property names and array indexes), its schema and kind. */
    record Site(List<Object> path, String name, JsonNode schema, Kind kind, Object value) {
        String describe() {
            StringBuilder b = new StringBuilder();
            for (Object p : path) {
                b.append(p instanceof Integer ? "[" + p + "]" : (b.length() == 0 ? "" : ".") + p);
            }
            return b.toString();
        }
    }

    record Variant(String name, Object value) {
    }

    private List<Site> sites(Operation op) {
        List<Site> sites = new ArrayList<>();
        Object root = value(op, "", op.bodySchema(), 0);
        collect(op, root, op.bodySchema(), "", new ArrayList<>(), sites, 0);
        return sites;
    }

    private void collect(Operation op, Object value, JsonNode schema, String name, List<Object> path,
            List<Site> sites, int depth) {
        JsonNode s = op.schemas().resolve(schema);
        if (s == null || depth > 6) {
            return;
        }
        Kind kind = kindOf(s, value);
        if (!path.isEmpty()) {
            sites.add(new Site(List.copyOf(path), name, s, kind, value));
        }
        if (value instanceof Map<?, ?> map) {
            if (s.has("properties")) {
                for (Map.Entry<String, JsonNode> p : s.get("properties").properties()) {
                    path.add(p.getKey());
                    collect(op, map.get(p.getKey()), p.getValue(), p.getKey(), path, sites, depth + 1);
                    path.remove(path.size() - 1);
                }
            } else if (!map.isEmpty() && s.has("additionalProperties")) {
                String key = (String) map.keySet().iterator().next();
                path.add(key);
                collect(op, map.get(key), s.get("additionalProperties"), name + "." + key, path, sites, depth + 1);
                path.remove(path.size() - 1);
            }
        } else if (value instanceof List<?> list && !list.isEmpty() && s.has("items")) {
            path.add(0);
            collect(op, list.get(0), s.get("items"), name + "[]", path, sites, depth + 1);
            path.remove(path.size() - 1);
        }
    }

    private static Kind kindOf(JsonNode s, Object value) {
        if (s.has("enum")) {
            return Kind.ENUM;
        }
        String type = Schemas.type(s);
        String format = s.path("format").asString("");
        return switch (type) {
            case "object" -> s.has("properties") ? Kind.OBJECT : Kind.MAP;
            case "array" -> Kind.ARRAY;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            default -> format.equals("date") ? Kind.DATE : format.equals("date-time") ? Kind.DATE_TIME
                    : s.path("pattern").asString("").startsWith("P(") ? Kind.DURATION : Kind.STRING;
        };
    }

    /** The hostile values for a site: the known ones ({@code known}) or the wider pool. */
    private List<Variant> variants(Site site, boolean known) {
        List<Variant> v = new ArrayList<>();
        Object first = site.schema().has("enum") ? site.schema().get("enum").get(0).asString() : "x";
        switch (site.kind()) {
            case ENUM:
                if (known) {
                    v.add(new Variant("enum as a number [0]", new Raw("0")));
                    v.add(new Variant("enum with NUL [VALUE\\u0000]", first + "\u0000"));
                    v.add(new Variant("wrong type: object for enum", new Raw("{\"a\":1}")));
                } else {
                    v.add(new Variant("enum in lower case", String.valueOf(first).toLowerCase(Locale.ROOT)));
                    v.add(new Variant("enum as a string [\"true\"]", "true"));
                    v.add(new Variant("enum empty string", ""));
                    v.add(new Variant("enum as a negative number [-1]", new Raw("-1")));
                    v.add(new Variant("enum as a number out of range [1e100000]", new Raw("1e100000")));
                    v.add(new Variant("wrong type: array for enum", new Raw("[\"" + first + "\"]")));
                    v.add(new Variant("enum of 300,000 characters", LONG_TEXT));
                }
                break;
            case DATE:
                if (known) {
                    v.add(new Variant("date out of range [+999999999-12-31]", "+999999999-12-31"));
                    v.add(new Variant("date-time in a date field", today + "T10:15:30Z"));
                    v.add(new Variant("wrong type: object for date", new Raw("{\"a\":1}")));
                } else {
                    v.add(new Variant("date out of range [-999999999-01-01]", "-999999999-01-01"));
                    v.add(new Variant("impossible date [2026-02-30]", "2026-02-30"));
                    v.add(new Variant("date with a 5-digit year [99999-01-01]", "99999-01-01"));
                    v.add(new Variant("date as a number out of range [1e100000]", new Raw("1e100000")));
                    v.add(new Variant("date as a huge epoch day [9223372036854775807]",
                            new Raw("9223372036854775807")));
                    v.add(new Variant("date-time with offset in a date field", today + "T23:59:59+14:00"));
                }
                break;
            case DATE_TIME:
                if (known) {
                    v.add(new Variant("date-time out of range [+999999999-12-31T23:59:59Z]",
                            "+999999999-12-31T23:59:59Z"));
                } else {
                    v.add(new Variant("date in a date-time field", today.toString()));
                    v.add(new Variant("impossible date-time [2026-13-01T00:00:00Z]", "2026-13-01T00:00:00Z"));
                    v.add(new Variant("date-time as a number out of range [1e100000]", new Raw("1e100000")));
                }
                break;
            case DURATION:
                if (known) {
                    for (String d : List.of("P", "PT", "P1DT", "PT99999999999999H")) {
                        v.add(new Variant("malformed duration [" + d + "]", d));
                    }
                } else {
                    for (String d : List.of("P-1D", "P99999999999999999D", "P1Y", "p3d", "P3DT", "PT0H", "")) {
                        v.add(new Variant("duration [" + d + "]", d));
                    }
                }
                break;
            case INTEGER:
            case NUMBER:
                if (known) {
                    v.add(new Variant("number out of range [1e100000]", new Raw("1e100000")));
                    v.add(new Variant("wrong type: string for number [\"abc\"]", "abc"));
                } else {
                    v.add(new Variant("number out of range [-1e100000]", new Raw("-1e100000")));
                    v.add(new Variant("number underflow [1e-100000]", new Raw("1e-100000")));
                    v.add(new Variant("number beyond double [1e309]", new Raw("1e309")));
                    v.add(new Variant("number of 1,000 digits", new Raw("9".repeat(1000))));

                    if (site.schema().path("minimum").asDouble(-1) >= 0) {
                        v.add(new Variant("number below its minimum [-1]", new Raw("-1")));
                    }
                    v.add(new Variant("number as a string [\"5\"]", "5"));
                    v.add(new Variant("wrong type: boolean for number", new Raw("true")));
                    v.add(new Variant("wrong type: array for number", new Raw("[1]")));
                    if (site.kind() == Kind.INTEGER) {
                        v.add(new Variant("integer beyond long [99999999999999999999]",
                                new Raw("99999999999999999999")));
                        v.add(new Variant("fraction for integer [1.5]", new Raw("1.5")));
                        v.add(new Variant("integer beyond int [2147483648]", new Raw("2147483648")));
                    }
                }
                break;
            case BOOLEAN:
                if (known) {
                    v.add(new Variant("boolean as a string [\"true\"]", "true"));
                } else {
                    v.add(new Variant("boolean as a number [1]", new Raw("1")));
                    v.add(new Variant("boolean as a string [\"yes\"]", "yes"));
                    v.add(new Variant("wrong type: object for boolean", new Raw("{}")));
                }
                break;
            case ARRAY: {
                if (known) {
                    v.add(new Variant("null inside an array", new Raw("[null]")));
                    v.add(new Variant("huge array", null));
                    v.add(new Variant("wrong type: string for array", "x"));
                } else {
                    v.add(new Variant("array of 10,000 nulls", new Raw("[" + String.join(",",
                            Collections.nCopies(10_000, "null")) + "]")));
                    v.add(new Variant("array nested 5,000 levels", new Raw(nested(5000, "[", "]", "1"))));
                    v.add(new Variant("wrong type: object for array", new Raw("{}")));
                    v.add(new Variant("array of wrong items [1e100000]", new Raw("[1e100000]")));
                }
                break;
            }
            case OBJECT:
            case MAP:
                if (known) {
                    v.add(new Variant("wrong type: string for object", "x"));
                    if (site.kind() == Kind.MAP) {
                        v.add(new Variant("null value in a map", new Raw("{\"" + "k" + "\":null}")));
                    }
                } else {
                    v.add(new Variant("object nested 5,000 levels", new Raw(nested(5000, "{\"a\":", "}", "1"))));
                    v.add(new Variant("wrong type: array for object", new Raw("[]")));
                    v.add(new Variant("wrong type: number for object", new Raw("1e100000")));
                    if (site.kind() == Kind.MAP) {
                        v.add(new Variant("map key with NUL", new Raw("{\"a\\u0000b\":1}")));
                        v.add(new Variant("map key of 300,000 characters", new Raw("{\"" + "k".repeat(300_000)
                                + "\":1}")));
                        v.add(new Variant("map of 10,000 entries", new Raw(manyEntries(10_000))));
                    }
                }
                break;
            default:
                if (known) {
                    v.add(new Variant("string of 300,000 characters", LONG_TEXT));
                    v.add(new Variant("wrong type: object for string", new Raw("{\"a\":1}")));
                } else {
                    v.add(new Variant("string with NUL", "a\u0000b"));
                    v.add(new Variant("string with a lone surrogate escape", new Raw("\"a\\ud800b\"")));
                    v.add(new Variant("string with a Mongo operator object", new Raw("{\"$ne\":null}")));
                    v.add(new Variant("wrong type: number for string [12345]", new Raw("12345")));
                    v.add(new Variant("wrong type: boolean for string", new Raw("true")));
                    v.add(new Variant("wrong type: array for string", new Raw("[\"a\"]")));
                    if (site.schema().path("maxLength").asInt(Integer.MAX_VALUE) < 10_000) {
                        v.add(new Variant("string of 10,000 characters", "s".repeat(10_000)));
                    }
                    if (site.schema().path("minLength").asInt(0) > 0) {
                        v.add(new Variant("string empty (a minimum length is set)", ""));
                    }
                }
                break;
        }
        List<Variant> resolved = new ArrayList<>();
        for (Variant variant : v) {
            if (variant.name().equals("huge array")) {
                resolved.add(new Variant("huge array", new Raw(hugeArray(site))));
            } else {
                resolved.add(variant);
            }
        }
        return resolved;
    }

    /** As many copies of the valid item as fit in 900 kB (below the gateway's 1 MB), at least 1,000. */
    private static String hugeArray(Site site) {
        String item = site.value() instanceof List<?> list && !list.isEmpty() ? write(list.get(0)) : "\"x\"";
        int n = Math.max(1000, 900_000 / (item.getBytes(StandardCharsets.UTF_8).length + 1));
        return "[" + String.join(",", Collections.nCopies(n, item)) + "]";
    }

    private static String manyEntries(int n) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        return b.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static Object replace(Object node, List<Object> path, int at, Object value) {
        if (at == path.size()) {
            return value;
        }
        Object key = path.get(at);
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            copy.put((String) key, replace(map.get(key), path, at + 1, value));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            copy.set((Integer) key, replace(list.get((Integer) key), path, at + 1, value));
            return copy;
        }
        return node;
    }

    // --- JSON and multipart ----------------------------------------------------------------------------------------

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value);
        return b.toString();
    }

    private static void write(StringBuilder b, Object value) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof Raw raw) {
            b.append(raw.json());
        } else if (value instanceof String s) {
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        } else if (value instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                b.append(first ? "" : ",");
                first = false;
                write(b, String.valueOf(e.getKey()));
                b.append(':');
                write(b, e.getValue());
            }
            b.append('}');
        } else if (value instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ",");
                write(b, list.get(i));
            }
            b.append(']');
        } else {
            b.append(value);
        }
    }

    static String nested(int levels, String open, String close, String inner) {
        return open.repeat(levels) + inner + close.repeat(levels);
    }

    static byte[] multipart(String boundary, String disposition, String type, byte[] content, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("--" + boundary + "\r\n"));
        if (disposition != null) {
            out.writeBytes(bytes("Content-Disposition: " + disposition + "\r\n"));
        }
        out.writeBytes(bytes("Content-Type: " + type + "\r\n\r\n"));
        out.writeBytes(content);
        out.writeBytes(bytes("\r\n"));
        if (close) {
            out.writeBytes(bytes("--" + boundary + "--\r\n"));
        }
        return out.toByteArray();
    }

    private static byte[] chunk(byte[] body) {
        byte[] content = body == null ? new byte[0] : body;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (content.length > 0) {
            out.writeBytes(bytes(Integer.toHexString(content.length) + "\r\n"));
            out.writeBytes(content);
            out.writeBytes(bytes("\r\n"));
        }
        out.writeBytes(bytes("0\r\n\r\n"));
        return out.toByteArray();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String encodePath(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private <T> T pick(T[] array) {
        return array[random.nextInt(array.length)];
    }
}
