package vn.dvk.kit.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each service's OpenAPI document, as shown together at the gateway's {@code /docs}: every operation needs a bearer
 * token, and the server is the origin the document was loaded from (the gateway), not the service's own address.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocs {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(@Value("${spring.application.name}") String application,
            @Value("${dvk.api.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title("DVK " + application).version("v1").description(description))
                .addServersItem(new Server().url("/").description("the gateway"))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("An access token from the identity provider; see the README for demo users.")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** The errors, media types and operationIds each document states; see {@link ProblemResponses}. */
    @Bean
    @ConditionalOnMissingBean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }
}
