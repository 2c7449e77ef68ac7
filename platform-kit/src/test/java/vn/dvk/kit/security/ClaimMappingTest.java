package vn.dvk.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClaimMappingTest {

    @Test
    void shouldReadRolesAndUnitFromKeycloakStyleClaimsAndIgnoreUnknownRoles() {
        Caller caller = new ClaimMapping("realm_access.roles", "unit_code", "preferred_username").callerOf(Map.of(
                "sub", "f1", "preferred_username", "officer.00004", "unit_code", "00004",
                "realm_access", Map.of("roles", List.of("UNIT_OFFICER", "offline_access", "uma_authorization"))));
        assertThat(caller).isEqualTo(new Caller("f1", "officer.00004", "00004", java.util.Set.of(Role.UNIT_OFFICER)));
    }

    @Test
    void shouldFollowAnotherProvidersLayoutByConfigurationAlone() {
        Caller caller = new ClaimMapping("groups", "org.unit", "email").callerOf(Map.of(
                "sub", "f2", "email", "a@b.vn", "org", Map.of("unit", "01"), "groups", List.of("COORDINATOR")));
        assertThat(caller.unitCode()).isEqualTo("01");
        assertThat(caller.roles()).containsExactly(Role.COORDINATOR);
        assertThat(caller.username()).isEqualTo("a@b.vn");
    }

    @Test
    void shouldLeaveACallerWithoutUnitOrRolesWhenTheClaimsAreMissing() {
        Caller caller = new ClaimMapping("realm_access.roles", "unit_code", "preferred_username")
                .callerOf(Map.of("sub", "f3"));
        assertThat(caller.unitCode()).isNull();
        assertThat(caller.roles()).isEmpty();
        assertThat(caller.username()).isEqualTo("f3");
    }
}
