package vn.dvk.gateway.security;

import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import vn.dvk.gateway.audit.GatewayAudit;
import vn.dvk.gateway.web.Problems;

/**
 * The gateway as backend-for-frontend: browsers sign in with the authorization-code flow and PKCE, keep only an
 * HttpOnly session cookie, and the gateway relays the user's access token to the services. Machine clients and
 * scripts send their own bearer tokens, validated here as in the services. API paths answer 401 problem details;
 * pages redirect to sign-in.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    static final String REGISTRATION_ID = "dvk";
    private static final WebSessionServerSecurityContextRepository SESSION_CONTEXTS =
            new WebSessionServerSecurityContextRepository();
    private static final String[] PUBLIC = {"/", "/index.html", "/favicon.ico", "/app/**", "/docs", "/docs/**",
        "/webjars/**", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/fallback/**", "/session",
        "/actuator/health",
        "/actuator/health/**", "/actuator/info", "/actuator/prometheus"};

    @Bean
    GatewayCaller.ClaimPaths claimPaths(@Value("${dvk.oidc.claims.roles}") String roles,
            @Value("${dvk.oidc.claims.unit}") String unit) {
        return new GatewayCaller.ClaimPaths(roles, unit);
    }

    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(@Value("${dvk.oidc.issuer}") String issuer,
            @Value("${dvk.oidc.backchannel}") String backchannel, @Value("${dvk.oidc.client-id}") String clientId,
            @Value("${dvk.oidc.client-secret}") String clientSecret) {
        String front = issuer + "/protocol/openid-connect";
        String back = backchannel + "/protocol/openid-connect";
        // Endpoints are configured rather than discovered, so the gateway starts while the provider is still starting.
        return new InMemoryReactiveClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(clientId).clientSecret(clientSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .issuerUri(issuer)
                .authorizationUri(front + "/auth")
                .tokenUri(back + "/token")
                .jwkSetUri(back + "/certs")
                .userInfoUri(back + "/userinfo")
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", front + "/logout"))
                .clientName("DVK")
                .build());
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(@Value("${dvk.oidc.issuer}") String issuer,
            @Value("${dvk.oidc.backchannel}") String backchannel, @Value("${dvk.oidc.audience}") String audience) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSetUri(backchannel + "/protocol/openid-connect/certs").build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience))));
        return decoder;
    }

    /** Platform roles become {@code ROLE_*} authorities for browser sessions (from the ID token) ... */
    @Bean
    GrantedAuthoritiesMapper roleAuthorities(GatewayCaller.ClaimPaths paths) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    Map<String, Object> claims = new java.util.HashMap<>(oidc.getIdToken().getClaims());
                    if (oidc.getUserInfo() != null) {
                        claims.putAll(oidc.getUserInfo().getClaims());
                    }
                    GatewayCaller.roles(claims, paths)
                            .forEach(r -> mapped.add(new SimpleGrantedAuthority("ROLE_" + r)));
                }
            }
            return mapped;
        };
    }

    @Bean
    SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http,
            ReactiveClientRegistrationRepository registrations, ReactiveJwtDecoder decoder,
            GatewayCaller.ClaimPaths paths, Problems problems, GatewayAudit audit,
            @Value("${dvk.oidc.issuer}") String issuer,
            @Value("${dvk.gateway.cors-allowed-origins}") String corsOrigins) {
        DefaultServerOAuth2AuthorizationRequestResolver pkce =
                new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        JwtAuthenticationConverter bearerRoles = new JwtAuthenticationConverter();
        bearerRoles.setJwtGrantedAuthoritiesConverter(jwt -> GatewayCaller.roles(jwt.getClaims(), paths).stream()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());

        OidcClientInitiatedServerLogoutSuccessHandler logout =
                new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        // {baseUrl} is the request's own origin, which SignInOrigins has checked against the configured ones.
        logout.setPostLogoutRedirectUri("{baseUrl}/");

        ServerWebExchangeMatcher api = exchange -> {
            String path = exchange.getRequest().getPath().value();
            return path.startsWith("/api/") || path.equals("/session")
                    ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
        String issuerOrigin = URI.create(issuer).resolve("/").toString().replaceAll("/$", "");

        http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers(PUBLIC).permitAll()
                        .pathMatchers("/actuator/**", "/api/gateway/admin/**").hasRole("ADMIN")
                        .anyExchange().authenticated())
                .oauth2Login(login -> login
                        .authorizationRequestResolver(pkce)
                        .authenticationSuccessHandler((webFilterExchange, authentication) -> audit
                                .signIn(webFilterExchange.getExchange(), authentication)
                                .then(redirect(webFilterExchange.getExchange(), "/")))
                        .authenticationFailureHandler((webFilterExchange, failure) -> audit
                                .signInFailed(webFilterExchange.getExchange(), failure)
                                .then(redirect(webFilterExchange.getExchange(), "/?signin=failed"))))
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder)
                        .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(bearerRoles))))
                // Signing out records it, forgets the security context and the user's tokens, and ends the session
                // on the server, so that the old session cookie is worth nothing; then the identity provider's own
                // session is ended through its end-session endpoint.
                .logout(out -> out.logoutHandler(handlers -> {
                            handlers.add(0, (webFilterExchange, authentication) ->
                                    audit.signOut(webFilterExchange.getExchange(), authentication));
                            handlers.add(new WebSessionServerLogoutHandler());
                        })
                        .logoutSuccessHandler(logout))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((exchange, e) -> api.matches(exchange).flatMap(match -> {
                            if (match.isMatch()) {
                                exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
                                return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated");
                            }
                            return new RedirectServerAuthenticationEntryPoint(
                                    "/oauth2/authorization/" + REGISTRATION_ID).commence(exchange, e);
                        }))
                        .accessDeniedHandler((exchange, e) -> audit.accessDenied(exchange)
                                .then(problems.write(exchange, HttpStatus.FORBIDDEN, "role-forbidden"))))
                .csrf(csrf -> csrf
                        .accessDeniedHandler((exchange, e) -> csrfRefused(exchange, problems))
                        .csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(GatewaySecurity::needsCsrfProtection))
                .cors(cors -> cors.configurationSource(cors(corsOrigins)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                                + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' "
                                + issuerOrigin))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }

    /**
     * Session-authenticated changes need the CSRF token (cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN});
     * requests carrying their own bearer token cannot be forged by another site and are exempt.
     */
    private static Mono<ServerWebExchangeMatcher.MatchResult> needsCsrfProtection(
            org.springframework.web.server.ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE;
        String authorization = exchange.getRequest().getHeaders().getFirst("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        return safe || bearer ? ServerWebExchangeMatcher.MatchResult.notMatch()
                : ServerWebExchangeMatcher.MatchResult.match();
    }

    /**
     * A change without a valid CSRF token: from someone not signed in, that is the missing sign-in (401, as any API
     * call without credentials); from a signed-in session, a forged or stale form (403 {@code csrf-token-invalid}).
     */
    private static Mono<Void> csrfRefused(org.springframework.web.server.ServerWebExchange exchange,
            Problems problems) {
        // The CSRF check runs before the session's security context is put in place: read it from the session.
        return SESSION_CONTEXTS.load(exchange)
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .hasElement()
                .flatMap(signedIn -> {
                    if (signedIn) {
                        return problems.write(exchange, HttpStatus.FORBIDDEN, "csrf-token-invalid");
                    }
                    exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
                    return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated");
                });
    }

    /** The CSRF cookie is written only when the token is asked for; this asks on every request. */
    @Bean
    WebFilter csrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }

    private static CorsConfigurationSource cors(String origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        List<String> allowed = Arrays.stream(origins.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (!allowed.isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(allowed);
            config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
            config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept-Language", "X-Correlation-Id",
                    "X-XSRF-TOKEN", "Last-Event-ID"));
            config.setExposedHeaders(List.of("Location", "Retry-After", "X-Correlation-Id"));
            config.setAllowCredentials(true);
            config.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", config);
        }
        return source;
    }

    private static Mono<Void> redirect(org.springframework.web.server.ServerWebExchange exchange, String location) {
        exchange.getResponse().setStatusCode(HttpStatus.FOUND);
        exchange.getResponse().getHeaders().setLocation(URI.create(location));
        return exchange.getResponse().setComplete();
    }
}
