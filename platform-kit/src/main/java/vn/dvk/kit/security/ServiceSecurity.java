package vn.dvk.kit.security;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.problem.ProblemDetailsAdvice;
import vn.dvk.kit.problem.ProblemWriter;
import vn.dvk.units.UnitCatalog;
import vn.dvk.units.UnitHierarchy;
import vn.dvk.kit.web.CorrelationIdFilter;

/**
 * Every service is an OAuth2 resource server: a valid access token from the configured issuer, for the platform's
 * audience and not expired, is needed everywhere except health, Prometheus scraping and the OpenAPI document. Roles
 * and unit are read from claims at configured paths ({@link ClaimMapping}); endpoints declare roles with
 * {@link Allow}; objects are checked with {@link UnitAccess}.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceSecurity {

    private static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/actuator/info",
        "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error"};

    @Bean
    WebMvcConfigurer allowInterceptorRegistration(AllowInterceptor interceptor) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor).excludePathPatterns(PUBLIC);
            }
        };
    }

    @Bean
    SecurityFilterChain serviceSecurityFilterChain(HttpSecurity http, JwtDecoder decoder, ClaimMapping claims,
            SecurityProblems problems) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(claims))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .addFilterBefore(new CorrelationIdFilter(),
                        org.springframework.security.web.context.SecurityContextHolderFilter.class);
        return http.build();
    }

    /**
     * Keys are fetched from the JWKS endpoint on first use (and again when an unknown key id appears), so a service
     * starts while the identity provider is still starting.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(@Value("${dvk.security.issuer}") String issuer,
            @Value("${dvk.security.jwk-set-uri}") String jwkSetUri,
            @Value("${dvk.security.audience}") String audience) {
        return accessTokenDecoder(issuer, jwkSetUri, audience);
    }

    /**
     * Accepts a token only if it is signed by a key from {@code jwkSetUri}, comes from {@code issuer}, names
     * {@code audience} and has not expired (60 s of clock skew allowed).
     */
    public static JwtDecoder accessTokenDecoder(String issuer, String jwkSetUri, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(audience))));
        return decoder;
    }

    @Bean
    ClaimMapping claimMapping(@Value("${dvk.security.claims.roles}") String roles,
            @Value("${dvk.security.claims.unit}") String unit,
            @Value("${dvk.security.claims.username}") String username) {
        return new ClaimMapping(roles, unit, username);
    }

    @Bean
    ProblemWriter problemWriter(ProblemDetailsAdvice problems, LocaleResolver localeResolver, JsonMapper json) {
        return new ProblemWriter(problems, localeResolver, json);
    }

    @Bean
    SecurityProblems securityProblems(ProblemWriter writer) {
        return new SecurityProblems(writer);
    }

    @Bean
    @ConditionalOnMissingBean
    UnitHierarchy unitHierarchy() {
        return UnitCatalog.official2025();
    }

    @Bean
    AuditTrail auditTrail(MongoTemplate mongo, UnitHierarchy units, Clock clock,
            @Value("${spring.application.name}") String application) {
        return new AuditTrail(mongo, units, clock, application);
    }

    @Bean
    UnitAccess unitAccess(UnitHierarchy units, AuditTrail audit) {
        return new UnitAccess(units, audit);
    }

    @Bean
    AllowInterceptor allowInterceptor(UnitAccess access, AuditTrail audit) {
        return new AllowInterceptor(access, audit);
    }
}
