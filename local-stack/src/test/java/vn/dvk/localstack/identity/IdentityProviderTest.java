package vn.dvk.localstack.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dev identity provider speaks OpenID Connect as clients expect, and refuses what it must. */
class IdentityProviderTest {

    private static IdentityProvider idp;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String CALLBACK = "http://127.0.0.1:18080/login/oauth2/code/dvk";

    @BeforeAll
    static void start() {
        idp = IdentityProvider.start(Realm.demo().withWebOrigins(List.of("http://127.0.0.1:18080")), "127.0.0.1", 0,
                null);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void shouldPublishDiscoveryAndSignTokensThatVerifyAgainstItsKeysWithRolesAndUnit() throws Exception {
        Map<String, Object> discovery = json(get(idp.issuer() + "/.well-known/openid-configuration").body());
        assertThat(discovery).containsEntry("issuer", idp.issuer())
                .containsEntry("token_endpoint", idp.tokenEndpoint());
        assertThat(discovery.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));

        Map<String, Object> tokens = json(token("grant_type=password&client_id=dvk-cli&username=officer.00004"
                + "&password=dvk-demo&scope=openid").body());
        JWTClaimsSet claims = verified((String) tokens.get("access_token"), (String) discovery.get("jwks_uri"));
        assertThat(claims.getIssuer()).isEqualTo(idp.issuer());
        assertThat(claims.getAudience()).contains("dvk-api");
        assertThat(claims.getStringClaim("unit_code")).isEqualTo("00004");
        assertThat(claims.getJSONObjectClaim("realm_access")).containsEntry("roles", List.of("UNIT_OFFICER"));
        assertThat(claims.getExpirationTime()).isInTheFuture();
    }

    @Test
    void shouldRefuseWrongPasswordsAndThePasswordGrantForClientsThatDoNotAllowIt() throws Exception {
        HttpResponse<String> wrong = token("grant_type=password&client_id=dvk-cli&username=officer.00004"
                + "&password=guess");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong.body())).containsEntry("error", "invalid_grant");
        HttpResponse<String> web = token("grant_type=password&client_id=dvk-web&client_secret=dvk-web-secret"
                + "&username=officer.00004&password=dvk-demo");
        assertThat(json(web.body())).containsEntry("error", "unauthorized_client");
        HttpResponse<String> badSecret = token("grant_type=client_credentials&client_id=dvk-machine"
                + "&client_secret=nope");
        assertThat(badSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldIssueMachineTokensForTheServiceAccountWithClientCredentials() throws Exception {
        Map<String, Object> tokens = json(token("grant_type=client_credentials&client_id=dvk-machine"
                + "&client_secret=dvk-machine-secret").body());
        JWTClaimsSet claims = SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet();
        assertThat(claims.getStringClaim("unit_code")).isEqualTo("01");
        assertThat(claims.getJSONObjectClaim("realm_access")).containsEntry("roles", List.of("VIEWER"));
        assertThat(tokens).doesNotContainKey("refresh_token");
    }

    @Test
    void shouldRunTheAuthorizationCodeFlowWithPkceAndUseEachCodeOnce() throws Exception {
        String verifier = "a-verifier-that-is-long-enough-for-pkce-0123456789";
        String code = signIn("reviewer.00008", s256(verifier));
        String exchange = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(CALLBACK)
                + "&client_id=dvk-web&client_secret=dvk-web-secret&code_verifier=";
        HttpResponse<String> wrongVerifier = token(exchange + "not-the-verifier");
        assertThat(json(wrongVerifier.body())).containsEntry("error", "invalid_grant");

        String code2 = signIn("reviewer.00008", s256(verifier));
        String exchange2 = exchange.replace(enc(code), enc(code2));
        Map<String, Object> tokens = json(token(exchange2 + verifier).body());
        SignedJWT idToken = SignedJWT.parse((String) tokens.get("id_token"));
        assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly("dvk-web");
        assertThat(token(exchange2 + verifier).statusCode()).as("a code is single-use").isEqualTo(400);

        Map<String, Object> refreshed = json(token("grant_type=refresh_token&client_id=dvk-web"
                + "&client_secret=dvk-web-secret&refresh_token=" + enc((String) tokens.get("refresh_token"))).body());
        assertThat(refreshed).containsKey("access_token");
        assertThat(token("grant_type=refresh_token&client_id=dvk-web&client_secret=dvk-web-secret&refresh_token="
                + enc((String) tokens.get("refresh_token"))).statusCode()).as("refresh tokens rotate").isEqualTo(400);
    }

    @Test
    void shouldNeverRedirectToAnUnregisteredAddress() throws Exception {
        HttpResponse<String> evil = get(authorizeUrl("https://evil.example/cb", "x"));
        assertThat(evil.statusCode()).isEqualTo(400);
        assertThat(evil.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> otherPort = get(authorizeUrl("http://127.0.0.1:18081/login/oauth2/code/dvk", "x"));
        assertThat(otherPort.statusCode()).as("another port of the same loopback host").isEqualTo(400);
        assertThat(otherPort.headers().firstValue("Location")).isEmpty();
        HttpResponse<String> noPkce = get(authorizeUrl(CALLBACK, null));
        assertThat(noPkce.statusCode()).isEqualTo(302);
        assertThat(noPkce.headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK + "?error=");
    }

    @Test
    void shouldReturnAfterSignOutOnlyToTheRegisteredOrigin() throws Exception {
        String logout = idp.issuer() + "/protocol/openid-connect/logout?client_id=dvk-web&post_logout_redirect_uri=";
        HttpResponse<String> registered = get(logout + enc("http://127.0.0.1:18080/"));
        assertThat(registered.statusCode()).isEqualTo(302);
        assertThat(registered.headers().firstValue("Location")).contains("http://127.0.0.1:18080/");
        for (String forged : List.of("http://evil.example/", "http://127.0.0.1:18081/")) {
            HttpResponse<String> refused = get(logout + enc(forged));
            assertThat(refused.statusCode()).as(forged).isEqualTo(200);
            assertThat(refused.headers().firstValue("Location")).as(forged).isEmpty();
        }
    }

    private static String signIn(String username, String challenge) throws Exception {
        HttpResponse<String> form = get(authorizeUrl(CALLBACK, challenge));
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher login = Pattern.compile("name=\"login\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(login.find()).isTrue();
        HttpResponse<String> wrong = post(idp.issuer() + "/protocol/openid-connect/auth",
                "login=" + enc(login.group(1)) + "&username=" + username + "&password=nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Tên đăng nhập hoặc mật khẩu không đúng");
        HttpResponse<String> ok = post(idp.issuer() + "/protocol/openid-connect/auth",
                "login=" + enc(login.group(1)) + "&username=" + username + "&password=dvk-demo");
        assertThat(ok.statusCode()).isEqualTo(302);
        String location = ok.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?code=").endsWith("&state=s-1");
        return java.net.URLDecoder.decode(location.substring(location.indexOf("code=") + 5, location.indexOf('&')),
                StandardCharsets.UTF_8);
    }

    private static String authorizeUrl(String redirect, String challenge) {
        return idp.issuer() + "/protocol/openid-connect/auth?response_type=code&client_id=dvk-web&scope=openid"
                + "&state=s-1&nonce=n-1&redirect_uri=" + enc(redirect)
                + (challenge == null ? "" : "&code_challenge=" + challenge + "&code_challenge_method=S256");
    }

    private static JWTClaimsSet verified(String token, String jwksUri) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey key = JWKSet.parse(get(jwksUri).body()).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        return jwt.getJWTClaimsSet();
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static HttpResponse<String> token(String form) throws Exception {
        return post(idp.tokenEndpoint(), form);
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(String body) throws Exception {
        return JSONObjectUtils.parse(body);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
