package vn.dvk.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** A service accepts a token only from its issuer, for its audience, unexpired and signed by the issuer's key. */
class AccessTokenDecoderTest {

    private static final String ISSUER = "https://id.example.vn/realms/dvk";
    private static HttpServer jwks;
    private static RSAKey key;
    private static JwtDecoder decoder;

    @BeforeAll
    static void serveKeys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/certs", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jwks.start();
        decoder = ServiceSecurity.accessTokenDecoder(ISSUER,
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/certs", "dvk-api");
    }

    @AfterAll
    static void stop() {
        jwks.stop(0);
    }

    @Test
    void shouldAcceptATokenFromTheIssuerForTheAudience() throws Exception {
        assertThat(decoder.decode(token(key, ISSUER, List.of("dvk-api", "dvk-cli"), 300)).getSubject())
                .isEqualTo("u1");
    }

    @Test
    void shouldRefuseAnotherIssuerAnotherAudienceAnExpiredTokenAndAForeignKey() throws Exception {
        String otherIssuer = "https://evil.example/realms/dvk";
        assertThatThrownBy(() -> decoder.decode(token(key, otherIssuer, List.of("dvk-api"), 300)))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(token(key, ISSUER, List.of("another-api"), 300)))
                .isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(token(key, ISSUER, List.of("dvk-api"), -120)))
                .isInstanceOf(JwtException.class);
        RSAKey foreign = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertThatThrownBy(() -> decoder.decode(token(foreign, ISSUER, List.of("dvk-api"), 300)))
                .isInstanceOf(JwtException.class);
    }

    private static String token(RSAKey signer, String issuer, List<String> audience, long secondsToLive)
            throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).subject("u1").audience(audience)
                        .issueTime(Date.from(now.minusSeconds(600)))
                        .expirationTime(Date.from(now.plusSeconds(secondsToLive))).build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }
}
