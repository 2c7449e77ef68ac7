package vn.dvk.kit.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Reads roles and unit from a token's claims at configured paths ({@code dvk.security.claims.*}), so that another
 * identity provider needs configuration, not code. A path is dotted: {@code realm_access.roles} is Keycloak's.
 * Role names the platform does not know (Keycloak adds {@code offline_access}, for one) are ignored.
 */
public class ClaimMapping implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesPath;
    private final String unitPath;
    private final String usernamePath;

    public ClaimMapping(String rolesPath, String unitPath, String usernamePath) {
        this.rolesPath = rolesPath;
        this.unitPath = unitPath;
        this.usernamePath = usernamePath;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller = callerOf(jwt.getClaims());
        List<GrantedAuthority> authorities = new ArrayList<>();
        caller.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        return new CallerAuthentication(jwt, authorities, caller);
    }

    Caller callerOf(Map<String, Object> claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (at(claims, rolesPath) instanceof Collection<?> names) {
            for (Object name : names) {
                for (Role role : Role.values()) {
                    if (role.name().equals(String.valueOf(name))) {
                        roles.add(role);
                    }
                }
            }
        }
        Object unit = at(claims, unitPath);
        Object username = at(claims, usernamePath);
        String subject = String.valueOf(claims.get("sub"));
        return new Caller(subject, username == null ? subject : username.toString(),
                unit == null || unit.toString().isBlank() ? null : unit.toString(), roles);
    }

    private static Object at(Map<String, Object> claims, String path) {
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
