package vn.dvk.localstack.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import vn.dvk.localstack.FreePorts;

/**
 * A small but real OpenID Connect provider for development and tests, laid out like Keycloak
 * ({@code /realms/<realm>/protocol/openid-connect/...}) so the services and the gateway are configured the same way
 * against either. It signs RS256 tokens with a key made at start and serves discovery and JWKS.
 *
 * <p>Grants: authorization code with PKCE (S256, required), refresh token, client credentials, and — only for
 * clients that allow direct access grants, as Keycloak does — the password grant used by scripts. Access tokens carry
 * {@code realm_access.roles} and {@code unit_code}, as the Keycloak realm's mappers do. Not for production: users
 * and passwords come from a file and there is no single sign-on session.
 */
public final class IdentityProvider implements AutoCloseable {

    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(5);
    static final Duration REFRESH_TOKEN_TTL = Duration.ofMinutes(30);
    static final Duration CODE_TTL = Duration.ofMinutes(1);
    static final Duration LOGIN_TTL = Duration.ofMinutes(10);

    private final HttpServer http;
    private final Realm realm;
    private final String issuer;
    private final RSAKey key;
    private final Clock clock = Clock.systemUTC();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PendingLogin> logins = new ConcurrentHashMap<>();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();

    /** An authorization request waiting for the user to sign in; its id is the login form's anti-forgery token. */
    private record PendingLogin(Realm.Client client, String redirectUri, String state, String nonce, String scope,
            String codeChallenge, Instant expiresAt) {
    }

    private record IssuedCode(PendingLogin login, Realm.User user, Instant expiresAt) {
    }

    /** Who a token speaks for: a user, or a client's service account when {@code user} is null. */
    private record Grant(Realm.Client client, Realm.User user, String scope, Instant expiresAt) {
    }

    private IdentityProvider(HttpServer http, Realm realm, String issuer) {
        this.http = http;
        this.realm = realm;
        this.issuer = issuer;
        try {
            this.key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param host         address to bind
     * @param port         port, 0 for a free one
     * @param publicIssuer issuer URL as browsers and services reach it, or null for {@code http://host:port/realms/<realm>}
     */
    public static IdentityProvider start(Realm realm, String host, int port, String publicIssuer) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, FreePorts.orFree(port)), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String issuer = publicIssuer != null ? publicIssuer
                : "http://" + host + ":" + http.getAddress().getPort() + "/realms/" + realm.name();
        IdentityProvider provider = new IdentityProvider(http, realm, issuer);
        String base = "/realms/" + realm.name();
        http.createContext(base + "/.well-known/openid-configuration", provider.handler(provider::discovery));
        http.createContext(base + "/protocol/openid-connect/certs", provider.handler(provider::certs));
        http.createContext(base + "/protocol/openid-connect/auth", provider.handler(provider::authorize));
        http.createContext(base + "/protocol/openid-connect/token", provider.handler(provider::token));
        http.createContext(base + "/protocol/openid-connect/userinfo", provider.handler(provider::userinfo));
        http.createContext(base + "/protocol/openid-connect/logout", provider.handler(provider::logout));
        http.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "dev-idp");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return provider;
    }

    public String issuer() {
        return issuer;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public Realm realm() {
        return realm;
    }

    /** The token endpoint, e.g. for {@code curl -d grant_type=password ...}. */
    public String tokenEndpoint() {
        return issuer + "/protocol/openid-connect/token";
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }

    // ---------------------------------------------------------------------------------------------------- endpoints

    private Response discovery(HttpExchange exchange) {
        String endpoints = issuer + "/protocol/openid-connect";
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", endpoints + "/auth");
        doc.put("token_endpoint", endpoints + "/token");
        doc.put("userinfo_endpoint", endpoints + "/userinfo");
        doc.put("end_session_endpoint", endpoints + "/logout");
        doc.put("jwks_uri", endpoints + "/certs");
        doc.put("response_types_supported", List.of("code"));
        doc.put("grant_types_supported",
                List.of("authorization_code", "refresh_token", "client_credentials", "password"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("scopes_supported", List.of("openid", "profile", "email"));
        return Response.json(200, doc);
    }

    private Response certs(HttpExchange exchange) {
        return Response.json(200, new JWKSet(key.toPublicJWK()).toJSONObject(true));
    }

    private Response authorize(HttpExchange exchange) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            return signIn(Forms.parse(body(exchange)));
        }
        Map<String, String> q = Forms.parse(exchange.getRequestURI().getRawQuery());
        Optional<Realm.Client> client = realm.client(q.getOrDefault("client_id", ""));
        String redirectUri = q.get("redirect_uri");
        // Without a known client and a registered redirect there is nobody safe to send an error to.
        if (client.isEmpty() || !client.get().allowsRedirect(redirectUri, client.get().redirectUris())) {
            return Response.html(400, LoginPage.error("Ứng dụng hoặc địa chỉ chuyển hướng không hợp lệ."));
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))) {
            return redirectError(redirectUri, state, "unsupported_response_type");
        }
        if (q.get("code_challenge") == null || !"S256".equals(q.get("code_challenge_method"))) {
            return redirectError(redirectUri, state, "invalid_request");
        }
        String scope = q.getOrDefault("scope", "openid");
        purgeExpired();
        String loginId = randomToken();
        logins.put(loginId, new PendingLogin(client.get(), redirectUri, state, q.get("nonce"), scope,
                q.get("code_challenge"), clock.instant().plus(LOGIN_TTL)));
        return Response.html(200, LoginPage.form(loginId, null, realm.users()), redirectUri);
    }

    private Response signIn(Map<String, String> form) {
        String loginId = form.getOrDefault("login", "");
        PendingLogin login = logins.get(loginId);
        if (login == null || login.expiresAt().isBefore(clock.instant())) {
            logins.remove(loginId);
            return Response.html(400, LoginPage.error("Phiên đăng nhập đã hết hạn. Hãy quay lại ứng dụng và thử lại."));
        }
        Optional<Realm.User> user = realm.authenticate(form.get("username"), form.get("password"));
        if (user.isEmpty()) {
            return Response.html(401, LoginPage.form(loginId, "Tên đăng nhập hoặc mật khẩu không đúng.",
                    realm.users()), login.redirectUri());
        }
        logins.remove(loginId);
        String code = randomToken();
        codes.put(code, new IssuedCode(login, user.get(), clock.instant().plus(CODE_TTL)));
        String location = login.redirectUri() + (login.redirectUri().contains("?") ? "&" : "?") + "code="
                + Forms.encode(code) + (login.state() == null ? "" : "&state=" + Forms.encode(login.state()));
        return Response.redirect(location);
    }

    private Response token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return Response.json(405, oauthError("invalid_request", "POST only"));
        }
        Map<String, String> form = Forms.parse(body(exchange));
        String[] basic = Forms.basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        String clientId = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        Optional<Realm.Client> found = clientId == null ? Optional.empty() : realm.client(clientId);
        if (found.isEmpty() || !found.get().authenticates(secret)) {
            return Response.json(401, oauthError("invalid_client", "unknown client or wrong secret"));
        }
        Realm.Client client = found.get();
        String grantType = form.getOrDefault("grant_type", "");
        return switch (grantType) {
            case "authorization_code" -> exchangeCode(client, form);
            case "refresh_token" -> refresh(client, form);
            case "client_credentials" -> client.serviceAccount() == null || client.publicClient()
                    ? Response.json(400, oauthError("unauthorized_client", "no service account"))
                    : Response.json(200, tokens(client, null, form.getOrDefault("scope", ""), null, false));
            case "password" -> password(client, form);
            default -> Response.json(400, oauthError("unsupported_grant_type", grantType));
        };
    }

    private Response exchangeCode(Realm.Client client, Map<String, String> form) {
        IssuedCode issued = codes.remove(form.getOrDefault("code", ""));
        if (issued == null || issued.expiresAt().isBefore(clock.instant())
                || !issued.login().client().clientId().equals(client.clientId())
                || !issued.login().redirectUri().equals(form.get("redirect_uri"))) {
            return Response.json(400, oauthError("invalid_grant", "unknown, used or expired code"));
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !issued.login().codeChallenge().equals(s256(verifier))) {
            return Response.json(400, oauthError("invalid_grant", "PKCE verification failed"));
        }
        return Response.json(200, tokens(client, issued.user(), issued.login().scope(), issued.login().nonce(), true));
    }

    private Response refresh(Realm.Client client, Map<String, String> form) {
        Grant grant = refreshTokens.remove(form.getOrDefault("refresh_token", ""));
        if (grant == null || grant.expiresAt().isBefore(clock.instant())
                || !grant.client().clientId().equals(client.clientId())) {
            return Response.json(400, oauthError("invalid_grant", "unknown, used or expired refresh token"));
        }
        return Response.json(200, tokens(client, grant.user(), grant.scope(), null, true));
    }

    private Response password(Realm.Client client, Map<String, String> form) {
        if (!client.directAccessGrants()) {
            return Response.json(400, oauthError("unauthorized_client", "password grant not allowed for client"));
        }
        Optional<Realm.User> user = realm.authenticate(form.get("username"), form.get("password"));
        if (user.isEmpty()) {
            return Response.json(401, oauthError("invalid_grant", "invalid user credentials"));
        }
        return Response.json(200, tokens(client, user.get(), form.getOrDefault("scope", "openid"), null, true));
    }

    private Response userinfo(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Response.json(401, oauthError("invalid_token", "bearer token required"));
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring(7));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAPublicKey()))
                    || claims.getExpirationTime().toInstant().isBefore(clock.instant())) {
                return Response.json(401, oauthError("invalid_token", "invalid or expired token"));
            }
            Map<String, Object> info = new LinkedHashMap<>();
            for (String name : List.of("sub", "preferred_username", "name", "email", "unit_code", "realm_access")) {
                if (claims.getClaim(name) != null) {
                    info.put(name, claims.getClaim(name));
                }
            }
            return Response.json(200, info);
        } catch (java.text.ParseException | JOSEException e) {
            return Response.json(401, oauthError("invalid_token", "malformed token"));
        }
    }

    private Response logout(HttpExchange exchange) {
        Map<String, String> q = Forms.parse(exchange.getRequestURI().getRawQuery());
        String target = q.get("post_logout_redirect_uri");
        Optional<Realm.Client> client = realm.client(q.getOrDefault("client_id", ""));
        if (client.isEmpty() && q.get("id_token_hint") != null) {
            try {
                client = realm.client(SignedJWT.parse(q.get("id_token_hint")).getJWTClaimsSet().getAudience().get(0));
            } catch (java.text.ParseException | RuntimeException e) {
                client = Optional.empty();
            }
        }
        if (target != null && client.isPresent() && client.get().allowsRedirect(target,
                client.get().postLogoutRedirectUris())) {
            String state = q.get("state");
            return Response.redirect(target + (state == null ? "" : "?state=" + Forms.encode(state)));
        }
        return Response.html(200, LoginPage.signedOut());
    }

    // ------------------------------------------------------------------------------------------------------ tokens

    private Map<String, Object> tokens(Realm.Client client, Realm.User user, String scope, String nonce,
            boolean withRefresh) {
        Instant now = clock.instant();
        String subject = user != null ? subjectOf(user.username()) : subjectOf("service-account-" + client.clientId());
        String username = user != null ? user.username() : "service-account-" + client.clientId();
        List<String> roles = user != null ? user.roles() : client.serviceAccount().roles();
        String unit = user != null ? user.unit() : client.serviceAccount().unit();
        String name = user != null ? user.name() : client.serviceAccount().name();

        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder()
                .issuer(issuer).subject(subject).audience(List.of(realm.audience(), client.clientId()))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ACCESS_TOKEN_TTL)))
                .jwtID(UUID.randomUUID().toString())
                .claim("azp", client.clientId()).claim("typ", "Bearer").claim("scope", scope)
                .claim("preferred_username", username).claim("name", name)
                .claim("realm_access", Map.of("roles", roles)).claim("unit_code", unit);
        if (user != null && user.email() != null) {
            access.claim("email", user.email());
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("access_token", sign(access.build()));
        response.put("token_type", "Bearer");
        response.put("expires_in", ACCESS_TOKEN_TTL.toSeconds());
        response.put("scope", scope);
        if (user != null && scope != null && List.of(scope.split(" ")).contains("openid")) {
            JWTClaimsSet.Builder id = new JWTClaimsSet.Builder()
                    .issuer(issuer).subject(subject).audience(client.clientId())
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ACCESS_TOKEN_TTL)))
                    .claim("azp", client.clientId()).claim("auth_time", now.getEpochSecond())
                    .claim("preferred_username", username).claim("name", name).claim("email", user.email())
                    .claim("unit_code", unit).claim("realm_access", Map.of("roles", roles));
            if (nonce != null) {
                id.claim("nonce", nonce);
            }
            response.put("id_token", sign(id.build()));
        }
        if (withRefresh && user != null) {
            String refreshToken = randomToken();
            refreshTokens.put(refreshToken, new Grant(client, user, scope, now.plus(REFRESH_TOKEN_TTL)));
            response.put("refresh_token", refreshToken);
            response.put("refresh_expires_in", REFRESH_TOKEN_TTL.toSeconds());
        }
        return response;
    }

    /** Forgets abandoned sign-ins, unused codes and refresh tokens past their time, so memory stays bounded. */
    private void purgeExpired() {
        Instant now = clock.instant();
        logins.values().removeIf(login -> login.expiresAt().isBefore(now));
        codes.values().removeIf(code -> code.expiresAt().isBefore(now));
        refreshTokens.values().removeIf(grant -> grant.expiresAt().isBefore(now));
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stable subject per user name, as a UUID like Keycloak's. */
    private static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("dvk:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, Object> oauthError(String error, String description) {
        return Map.of("error", error, "error_description", description);
    }

    private static Response redirectError(String redirectUri, String state, String error) {
        return Response.redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?") + "error=" + error
                + (state == null ? "" : "&state=" + Forms.encode(state)));
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }

    // ----------------------------------------------------------------------------------------------------- plumbing

    private interface Endpoint {
        Response handle(HttpExchange exchange) throws IOException;
    }

    private com.sun.net.httpserver.HttpHandler handler(Endpoint endpoint) {
        return exchange -> {
            try (exchange) {
                Response response;
                try {
                    response = endpoint.handle(exchange);
                } catch (RuntimeException e) {
                    response = Response.json(500, oauthError("server_error", e.getClass().getSimpleName()));
                }
                response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                exchange.getResponseHeaders().add("Cache-Control", "no-store");
                exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
                exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
                byte[] body = response.body();
                exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        };
    }

    private record Response(int status, Map<String, String> headers, byte[] body) {

        static Response json(int status, Map<String, Object> value) {
            return new Response(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                    JSONObjectUtils.toJSONString(value).getBytes(StandardCharsets.UTF_8));
        }

        static Response html(int status, String html) {
            return html(status, html, null);
        }

        /**
         * A page whose form may lead to {@code formTarget} as well as here: browsers hold the redirect that follows
         * a form's submission to the CSP's {@code form-action} too, and the sign-in form's answer is the redirect
         * back to the client.
         */
        static Response html(int status, String html, String formTarget) {
            String targets = "'self'" + (formTarget == null ? "" : " " + origin(formTarget));
            return new Response(status, Map.of("Content-Type", "text/html; charset=utf-8",
                    "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action "
                            + targets + "; frame-ancestors 'none'"),
                    html.getBytes(StandardCharsets.UTF_8));
        }

        private static String origin(String uri) {
            URI parsed = URI.create(uri);
            return parsed.getScheme() + "://" + parsed.getHost() + (parsed.getPort() < 0 ? "" : ":" + parsed.getPort());
        }

        static Response redirect(String location) {
            return new Response(302, Map.of("Location", location), new byte[0]);
        }
    }

    /** application/x-www-form-urlencoded and HTTP Basic, which is all the provider reads. */
    static final class Forms {

        private Forms() {
        }

        static Map<String, String> parse(String encoded) {
            Map<String, String> values = new LinkedHashMap<>();
            if (encoded == null || encoded.isEmpty()) {
                return values;
            }
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(name, value);
            }
            return values;
        }

        static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        /** {@code [clientId, secret]} from an HTTP Basic header (both form-url-decoded, RFC 6749 §2.3.1), or null. */
        static String[] basicCredentials(String header) {
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        }
    }
}
