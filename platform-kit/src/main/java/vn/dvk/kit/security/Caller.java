package vn.dvk.kit.security;

import java.util.Set;

/**
 * Who is calling, as the access token says: the subject, a display name for the audit trail, the unit whose subtree
 * they act in (null when the token names none, which leaves them no unit to act in) and their roles.
 */
public record Caller(String subject, String username, String unitCode, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasAnyRole(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
