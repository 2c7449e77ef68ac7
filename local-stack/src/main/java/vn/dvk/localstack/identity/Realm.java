package vn.dvk.localstack.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * The dev identity provider's realm: its clients and demo users, read from {@code identity/demo-realm.json}. The
 * Keycloak realm that docker-compose imports carries the same users, roles, units and clients.
 */
public record Realm(String name, String audience, List<Client> clients, List<User> users) {

    /** A person who can sign in. {@code unit} is the official code of the unit whose subtree they act in. */
    public record User(String username, String password, String name, String email, List<String> roles,
            String unit) {
    }

    /** Who acts when a machine client signs in with its own credentials (client-credentials grant). */
    public record ServiceAccount(String name, List<String> roles, String unit) {
    }

    /**
     * An OAuth client. Public clients have no secret; {@code directAccessGrants} allows the password grant, which the
     * command-line client uses for scripts and curl examples.
     */
    public record Client(String clientId, String secret, boolean publicClient, boolean directAccessGrants,
            List<String> redirectUris, List<String> postLogoutRedirectUris, ServiceAccount serviceAccount) {

        boolean authenticates(String presentedSecret) {
            if (publicClient) {
                return true;
            }
            return presentedSecret != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                    presentedSecret.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Exact match only (OAuth 2.1, RFC 9700 §4.1.3): a registered URI and nothing else, whatever its host, so that
         * no redirect leads anywhere the realm does not name. Developers on another port add their origin with
         * {@link Realm#withWebOrigins}.
         */
        boolean allowsRedirect(String candidate, List<String> registered) {
            return candidate != null && registered.contains(candidate);
        }
    }

    /**
     * The realm with the web client ({@code dvk-web}) registered for exactly these origins: its sign-in return
     * ({@code <origin>/login/oauth2/code/dvk}) and its return after sign-out ({@code <origin>/}) at each. An empty
     * list keeps the realm file's.
     */
    public Realm withWebOrigins(List<String> origins) {
        if (origins.isEmpty()) {
            return this;
        }
        List<String> trimmed = origins.stream().map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .toList();
        List<Client> changed = clients.stream().map(c -> !c.clientId().equals(WEB_CLIENT) ? c
                : new Client(c.clientId(), c.secret(), c.publicClient(), c.directAccessGrants(),
                        trimmed.stream().map(o -> o + "/login/oauth2/code/dvk").toList(),
                        trimmed.stream().map(o -> o + "/").toList(), c.serviceAccount()))
                .toList();
        return new Realm(name, audience, changed, users);
    }

    /** The web app's client, signed in through the gateway. */
    static final String WEB_CLIENT = "dvk-web";

    public static Realm demo() {
        try (InputStream in = Realm.class.getResourceAsStream("/identity/demo-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("identity/demo-realm.json is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Realm parse(String json) {
        try {
            Map<String, Object> root = JSONObjectUtils.parse(json);
            List<Client> clients = objects(root, "clients").stream().map(Realm::client).toList();
            List<User> users = objects(root, "users").stream()
                    .map(u -> new User(string(u, "username"), string(u, "password"), string(u, "name"),
                            string(u, "email"), strings(u, "roles"), string(u, "unit")))
                    .toList();
            return new Realm(string(root, "realm"), string(root, "audience"), clients, users);
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("bad realm file: " + e.getMessage(), e);
        }
    }

    public Optional<Client> client(String clientId) {
        return clients.stream().filter(c -> c.clientId().equals(clientId)).findFirst();
    }

    public Optional<User> user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    /** Checks a password without revealing, through timing, whether the user exists. */
    Optional<User> authenticate(String username, String password) {
        Optional<User> user = username == null ? Optional.empty() : user(username);
        byte[] expected = user.map(User::password).orElse("\u0000no-such-user").getBytes(StandardCharsets.UTF_8);
        byte[] given = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given) ? user : Optional.empty();
    }

    private static Client client(Map<String, Object> c) {
        Map<String, Object> account = object(c, "serviceAccount");
        ServiceAccount serviceAccount = account == null ? null
                : new ServiceAccount(string(account, "name"), strings(account, "roles"), string(account, "unit"));
        return new Client(string(c, "clientId"), string(c, "secret"), Boolean.TRUE.equals(c.get("public")),
                Boolean.TRUE.equals(c.get("directAccessGrants")), strings(c, "redirectUris"),
                strings(c, "postLogoutRedirectUris"), serviceAccount);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> map, String key) {
        return (Map<String, Object>) map.get(key);
    }

    private static String string(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? List.of() : ((List<?>) value).stream().map(Object::toString).toList();
    }
}
