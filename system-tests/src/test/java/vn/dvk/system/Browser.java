package vn.dvk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.dvk.kit.testing.Tokens;

/**
 * What a browser does to sign in through the gateway: follow the redirects of the authorization-code flow by hand,
 * fill in the identity provider's form, and keep cookies (the gateway's HttpOnly session and its CSRF cookie).
 */
final class Browser {

    private static final Pattern LOGIN_ID = Pattern.compile("name=\"login\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();

    void signIn(String gateway, String username) throws IOException, InterruptedException {
        HttpResponse<String> start = get(gateway + "/oauth2/authorization/dvk");
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).contains("code_challenge=").contains("code_challenge_method=S256");

        HttpResponse<String> form = get(authorize);
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher login = LOGIN_ID.matcher(form.body());
        assertThat(login.find()).as("the sign-in form").isTrue();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=" + enc(login.group(1)) + "&username="
                        + enc(username) + "&password=" + Tokens.DEMO_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> callback = get(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        assertThat(callback.headers().firstValue("Location")).hasValue("/");
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A change from the web app: with the CSRF token from its cookie, or (to prove the check) without. */
    HttpResponse<String> postJson(String url, String json, boolean withCsrfToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (withCsrfToken) {
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
            request.header("X-XSRF-TOKEN", token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one of the gateway's cookies this browser holds, e.g. {@code SESSION}. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
