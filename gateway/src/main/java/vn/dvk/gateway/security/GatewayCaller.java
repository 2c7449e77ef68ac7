package vn.dvk.gateway.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is signed in at the gateway, whether by browser session (OpenID Connect) or by bearer token, read from the
 * claims at the configured paths, as the services read them.
 */
public record GatewayCaller(String subject, String username, String name, String unitCode, Set<String> roles) {

    static final Set<String> PLATFORM_ROLES = Set.of("ADMIN", "COORDINATOR", "REVIEWER", "UNIT_OFFICER", "VIEWER");

    public static GatewayCaller of(Authentication authentication, ClaimPaths paths) {
        Map<String, Object> claims;
        if (authentication instanceof OAuth2AuthenticationToken login) {
            claims = login.getPrincipal().getAttributes();
        } else if (authentication instanceof JwtAuthenticationToken jwt) {
            claims = jwt.getTokenAttributes();
        } else {
            return null;
        }
        Object username = claims.get("preferred_username");
        Object name = claims.get("name");
        Object unit = ClaimPaths.at(claims, paths.unit());
        return new GatewayCaller(String.valueOf(claims.get("sub")),
                username == null ? String.valueOf(claims.get("sub")) : username.toString(),
                name == null ? null : name.toString(), unit == null ? null : unit.toString(),
                roles(claims, paths));
    }

    static Set<String> roles(Map<String, Object> claims, ClaimPaths paths) {
        Set<String> roles = new TreeSet<>();
        if (ClaimPaths.at(claims, paths.roles()) instanceof Collection<?> names) {
            names.stream().map(String::valueOf).filter(PLATFORM_ROLES::contains).forEach(roles::add);
        }
        return roles;
    }

    public List<String> sortedRoles() {
        return List.copyOf(roles);
    }

    /** Where roles and unit sit in the claims ({@code dvk.oidc.claims.*}), as dotted paths. */
    public record ClaimPaths(String roles, String unit) {

        static Object at(Map<String, Object> claims, String path) {
            Object current = claims;
            for (String part : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(part);
            }
            return current;
        }
    }
}
