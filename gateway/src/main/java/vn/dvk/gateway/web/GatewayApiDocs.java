package vn.dvk.gateway.web;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document ({@code /session}, the gateway audit): its errors as
 * {@code application/problem+json} with the {@code Problem} schema, {@code application/json} bodies.
 */
@Configuration(proxyBeanMethods = false)
class GatewayApiDocs {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<String, String[]> ERRORS = new TreeMap<>(Map.of(
            "400", new String[] {"BadRequest", "The request is invalid (`bad-request`)."},
            "401", new String[] {"Unauthenticated", "Not signed in and no valid bearer token (`unauthenticated`)."},
            "403", new String[] {"Forbidden", "The caller may not do this (`role-forbidden`, `origin-not-allowed`, "
                    + "`csrf-token-invalid`)."},
            "429", new String[] {"RateLimited", "Too many requests (`rate-limited`)."},
            "500", new String[] {"InternalError", "An unexpected error (`internal-error`)."}));

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("DVK gateway").version("v1")
                        .description("The gateway's own endpoints; the services' documents are under /docs."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    GlobalOpenApiCustomizer gatewayProblemResponses() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSchemas("Problem", new ObjectSchema()
                    .description("An error, as RFC 9457 problem details; `code` is stable.")
                    .addProperty("type", new StringSchema().format("uri"))
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema().format("int32"))
                    .addProperty("detail", new StringSchema())
                    .addProperty("instance", new StringSchema().format("uri-reference"))
                    .addProperty("code", new StringSchema().description("`unauthenticated`, `role-forbidden`, "
                            + "`rate-limited`, `payload-too-large`, `service-unavailable`, `bad-request`, "
                            + "`not-found`, `origin-not-allowed`, `csrf-token-invalid`, `internal-error`, …"))
                    .required(List.of("type", "title", "status", "code")));
            ERRORS.forEach((status, named) -> components.addResponses(named[0], new ApiResponse()
                    .description(named[1]).content(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))))));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                ApiResponses responses = operation.getResponses() == null ? new ApiResponses()
                        : operation.getResponses();
                operation.setResponses(responses);
                responses.values().forEach(response -> {
                    if (response.getContent() != null && response.getContent().containsKey("*/*")) {
                        response.getContent().addMediaType("application/json", response.getContent().remove("*/*"));
                    }
                });
                ERRORS.forEach((status, named) -> {
                    if (!responses.containsKey(status)) {
                        responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + named[0]));
                    }
                });
            }));
        };
    }
}
