package vn.dvk.kit.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.method.HandlerMethod;
import vn.dvk.kit.problem.ProblemDetailsAdvice;

/**
 * Makes each service's OpenAPI document say what the service really answers:
 * <ul>
 * <li>every error an operation can give, as {@code application/problem+json} with the {@code Problem} schema
 * (RFC 9457 plus the platform's {@code code} and, for invalid input, {@code errors}); the shared responses live in
 * {@code components.responses} and list their {@code code} values;</li>
 * <li>success bodies as {@code application/json} (or the spreadsheet / file type of a download) instead of
 * springdoc's {@code *}{@code /*};</li>
 * <li>unique, meaningful operationIds: a method name used by several controllers becomes
 * {@code <method><Resource>} (e.g. {@code getCampaign}) instead of springdoc's {@code get_2}.</li>
 * </ul>
 */
public class ProblemResponses implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

    public static final String PROBLEM_JSON = "application/problem+json";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile("^(.+)_\\d+$");

    /** Codes any operation may answer, by status, as {@link ProblemDetailsAdvice} and the security filters give them. */
    private static final Map<String, List<String>> GENERIC = Map.of(
            "400", List.of("validation", "body-unreadable", "parameter-invalid", "parameter-missing",
                    "multipart-unreadable", "bad-request"),
            "401", List.of("unauthenticated"),
            "403", List.of("role-forbidden", "unit-outside-scope"),
            "404", List.of("not-found"),
            "409", List.of("concurrent-change"),
            "413", List.of("payload-too-large"),
            "415", List.of("media-type-unsupported"),
            "500", List.of("internal-error"));

    private static final Map<String, String> NAMES = Map.of("400", "BadRequest", "401", "Unauthenticated", "403",
            "Forbidden", "404", "NotFound", "409", "Conflict", "413", "PayloadTooLarge", "415",
            "UnsupportedMediaType", "422", "UnprocessableContent", "500", "InternalError");

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "The request is invalid: a field breaks a rule (`validation`, one entry per field in `errors`), "
                    + "the body cannot be read, or a parameter is missing or of the wrong type.",
            "401", "No valid bearer token was sent.",
            "403", "The caller's role may not do this, or the unit is outside the caller's subtree.",
            "404", "The addressed object does not exist (or is not visible to the caller).",
            "409", "The object's state does not allow this, or it changed concurrently.",
            "413", "The request body is larger than allowed.",
            "415", "The request body's media type is not accepted.",
            "422", "The request is well-formed but breaks a business rule.",
            "500", "An unexpected error; the correlation id in the response headers identifies it in the logs.");

    /** Problem codes of the service's message bundles ({@code problem.<code>.title}). */
    private final Set<String> knownCodes;

    public ProblemResponses() {
        this.knownCodes = bundleCodes();
    }

    // ---------------------------------------------------------------------------------------------- per operation

    /** Fixes what only the handler method tells: the media type of a download. */
    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getResponses() != null && operation.getResponses().containsKey("201")
                && operation.getResponses().containsKey("200") && !declares(handler, "200")) {
            operation.getResponses().remove("200"); // answered 201 (ResponseEntity.created), documented so
        }
        String produced = downloadType(handler.getMethod().getGenericReturnType());
        if (produced != null && operation.getResponses() != null) {
            operation.getResponses().values().forEach(response -> retype(response.getContent(), produced));
        }
        return operation;
    }

    private static boolean declares(HandlerMethod handler, String status) {
        return org.springframework.core.annotation.AnnotatedElementUtils.findMergedRepeatableAnnotations(
                handler.getMethod(), io.swagger.v3.oas.annotations.responses.ApiResponse.class).stream()
                .anyMatch(response -> status.equals(response.responseCode()));
    }

    private static String downloadType(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() == org.springframework.http.ResponseEntity.class) {
            type = parameterized.getActualTypeArguments()[0];
        }
        if (type == byte[].class) {
            return XLSX; // every byte[] download of the platform is a workbook (Sheets.download)
        }
        if (type instanceof Class<?> c && org.springframework.core.io.Resource.class.isAssignableFrom(c)) {
            return "application/octet-stream";
        }
        return null;
    }

    private static void retype(Content content, String mediaType) {
        if (content == null || !content.containsKey("*/*")) {
            return;
        }
        MediaType media = content.remove("*/*");
        if (XLSX.equals(mediaType) || "application/octet-stream".equals(mediaType)) {
            media = new MediaType().schema(new StringSchema().format("binary"));
        }
        content.addMediaType(mediaType, media);
    }

    // ---------------------------------------------------------------------------------------------- whole document

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().remove("/error"); // the container's error page, not an operation of the service
        addSchemas(openApi);
        addResponses(openApi);
        List<Operation> operations = new ArrayList<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            operations.add(operation);
            documentErrors(path, method, operation);
            if (operation.getResponses() != null) {
                operation.getResponses().values().forEach(response -> retype(response.getContent(),
                        org.springframework.http.MediaType.APPLICATION_JSON_VALUE));
            }
            if (operation.getRequestBody() != null) {
                retype(operation.getRequestBody().getContent(),
                        org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
            }
        }));
        uniqueOperationIds(operations);
    }

    private void documentErrors(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
                && method != PathItem.HttpMethod.OPTIONS;
        boolean body = operation.getRequestBody() != null;
        List<String> statuses = new ArrayList<>(List.of("400", "401", "403"));
        if (path.contains("{")) {
            statuses.add("404");
        }
        if (write) {
            statuses.add("409");
        }
        if (body) {
            statuses.add("413");
            statuses.add("415");
        }
        if (write) {
            statuses.add("422");
        }
        statuses.add("500");
        for (String status : statuses) {
            ApiResponse existing = responses.get(status);
            if (existing == null || existing.get$ref() == null && problemless(existing)) {
                responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + NAMES.get(status)));
            }
        }
    }

    private static boolean problemless(ApiResponse response) {
        return response.getContent() == null || !response.getContent().containsKey(PROBLEM_JSON);
    }

    private void addSchemas(OpenAPI openApi) {
        Schema<?> fieldProblem = new ObjectSchema().description("One field's problem inside a problem detail.")
                .addProperty("field", new StringSchema().description("The JSON path of the field, e.g. `title` or "
                        + "`indicators[0].target`.").example("title"))
                .addProperty("code", new StringSchema().description("A stable machine code of the rule broken, "
                        + "e.g. `NotBlank`, `Size`, `Pattern`, `TypeMismatch`.").example("NotBlank"))
                .addProperty("message", new StringSchema().description("The explanation in the caller's language.")
                        .example("không được để trống"))
                .required(List.of("field", "code", "message"));
        Schema<?> problem = new ObjectSchema()
                .description("An error, as RFC 9457 problem details (`application/problem+json`). `title` and "
                        + "`detail` are in the caller's language (Vietnamese, English on `Accept-Language: en`); "
                        + "`code` is stable and is what a client should branch on.")
                .addProperty("type", new StringSchema().format("uri")
                        .description("`" + ProblemDetailsAdvice.TYPE_PREFIX + "<code>`.")
                        .example(ProblemDetailsAdvice.TYPE_PREFIX + "validation"))
                .addProperty("title", new StringSchema().example("Dữ liệu không hợp lệ"))
                .addProperty("status", new IntegerSchema().format("int32").example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The path of the request that failed."))
                .addProperty("code", codeSchema())
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldProblem"))
                        .description("For invalid input: one entry per field."))
                .required(List.of("type", "title", "status", "code"));
        openApi.getComponents().addSchemas("FieldProblem", fieldProblem);
        openApi.getComponents().addSchemas("Problem", problem);
    }

    private Schema<?> codeSchema() {
        Set<String> codes = new TreeSet<>(knownCodes);
        GENERIC.values().forEach(codes::addAll);
        return new StringSchema().description("A stable machine code of the problem. The codes this service gives: "
                + codes.stream().map(code -> "`" + code + "`").collect(Collectors.joining(", "))
                + ". New codes may be added: a client should treat an unknown one by its `status`.")
                .example("validation");
    }

    private void addResponses(OpenAPI openApi) {
        Set<String> listed = new TreeSet<>(List.of("method-not-allowed", "not-acceptable", "uri-too-long",
                "headers-too-large", "transfer-encoding-unsupported", "not-implemented", "service-unavailable"));
        GENERIC.values().forEach(listed::addAll);
        Predicate<String> notFound = code -> code.endsWith("-not-found");
        Map<String, List<String>> codes = new LinkedHashMap<>(GENERIC);
        codes.put("404", merge(GENERIC.get("404"), knownCodes.stream()
                .filter(code -> !listed.contains(code) && notFound.test(code)).toList()));
        List<String> rules = knownCodes.stream().filter(code -> !listed.contains(code) && !notFound.test(code))
                .toList();
        codes.put("409", merge(GENERIC.get("409"), rules));
        codes.put("422", rules);
        for (Map.Entry<String, String> name : new java.util.TreeMap<>(NAMES).entrySet()) {
            String status = name.getKey();
            List<String> these = codes.getOrDefault(status, List.of());
            String description = DESCRIPTIONS.get(status) + (these.isEmpty() ? ""
                    : " `code`: " + these.stream().map(code -> "`" + code + "`").collect(Collectors.joining(", "))
                            + ("409".equals(status) || "422".equals(status) ? " (as the operation's rules apply)."
                                    : "."));
            Map<String, Object> example = new LinkedHashMap<>();
            String code = these.isEmpty() ? ProblemDetailsAdvice.codeForStatus(Integer.parseInt(status)) : these.get(0);
            example.put("type", ProblemDetailsAdvice.TYPE_PREFIX + code);
            example.put("title", code);
            example.put("status", Integer.parseInt(status));
            example.put("instance", "/api/…");
            example.put("code", code);
            openApi.getComponents().addResponses(name.getValue(), new ApiResponse().description(description)
                    .content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)).example(example))));
        }
    }

    private static List<String> merge(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * springdoc numbers a method name used more than once ({@code get}, {@code get_1}, {@code get_2}); each such
     * operation is named after its method and its controller's resource instead, e.g. {@code getCampaign}.
     */
    static void uniqueOperationIds(List<Operation> operations) {
        Map<String, List<Operation>> byBase = new LinkedHashMap<>();
        for (Operation operation : operations) {
            if (operation.getOperationId() == null) {
                continue;
            }
            Matcher numbered = NUMBERED.matcher(operation.getOperationId());
            String base = numbered.matches() ? numbered.group(1) : operation.getOperationId();
            byBase.computeIfAbsent(base, key -> new ArrayList<>()).add(operation);
        }
        Set<String> taken = new java.util.HashSet<>();
        byBase.forEach((base, group) -> {
            if (group.size() == 1) {
                taken.add(base);
            }
        });
        Map<String, Integer> counts = new HashMap<>();
        byBase.forEach((base, group) -> {
            if (group.size() == 1) {
                group.get(0).setOperationId(base);
                return;
            }
            for (Operation operation : group) {
                String candidate = base + resource(operation);
                while (taken.contains(candidate)) {
                    int next = counts.merge(candidate, 1, Integer::sum);
                    candidate = candidate.replaceAll("By\\d+$", "") + "By" + next;
                }
                taken.add(candidate);
                operation.setOperationId(candidate);
            }
        });
    }

    /** {@code registration-controller} → {@code Registration}. */
    private static String resource(Operation operation) {
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            return "Operation";
        }
        StringBuilder name = new StringBuilder();
        for (String word : operation.getTags().get(0).replaceAll("-controller$", "").split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        return name.isEmpty() ? "Operation" : name.toString();
    }

    private static Set<String> bundleCodes() {
        Set<String> codes = new TreeSet<>();
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            List<Resource> bundles = new ArrayList<>(List.of(resolver.getResources("classpath*:messages.properties")));
            bundles.addAll(List.of(resolver.getResources("classpath*:kit-messages.properties")));
            for (Resource bundle : bundles) {
                Properties properties = new Properties();
                try (InputStream in = bundle.getInputStream()) {
                    properties.load(in);
                }
                for (String key : properties.stringPropertyNames()) {
                    if (key.startsWith("problem.") && key.endsWith(".title")) {
                        codes.add(key.substring("problem.".length(), key.length() - ".title".length()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }
}
