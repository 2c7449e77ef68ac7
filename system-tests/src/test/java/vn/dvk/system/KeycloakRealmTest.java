package vn.dvk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * docker-compose imports deploy/keycloak/dvk-realm.json into Keycloak; the local stack serves its own demo realm.
 * Both must give people the same accounts, roles and units, and the tokens the same claims the services read.
 */
class KeycloakRealmTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keycloakHasTheLocalStacksUsersWithTheSameRolesUnitsAndPasswords() throws IOException {
        JsonNode keycloak = JSON.readTree(ROOT.resolve("deploy/keycloak/dvk-realm.json").toFile());
        JsonNode local = JSON.readTree(ROOT.resolve("local-stack/src/main/resources/identity/demo-realm.json")
                .toFile());
        Map<String, String> keycloakUsers = new HashMap<>();
        for (JsonNode user : keycloak.get("users")) {
            if (user.has("serviceAccountClientId")) {
                continue;
            }
            keycloakUsers.put(user.get("username").asText(), user.get("realmRoles").toString() + " "
                    + user.at("/attributes/unit_code/0").asText() + " " + user.at("/credentials/0/value").asText());
        }
        Map<String, String> localUsers = new HashMap<>();
        for (JsonNode user : local.get("users")) {
            localUsers.put(user.get("username").asText(), user.get("roles").toString() + " "
                    + user.get("unit").asText() + " " + user.get("password").asText());
        }
        assertThat(keycloakUsers).isEqualTo(localUsers).hasSize(15);
    }

    @Test
    void everyClientPutsTheAudienceRolesAndUnitWhereTheServicesReadThem() throws IOException {
        JsonNode keycloak = JSON.readTree(ROOT.resolve("deploy/keycloak/dvk-realm.json").toFile());
        Set<String> clients = new HashSet<>();
        for (JsonNode client : keycloak.get("clients")) {
            clients.add(client.get("clientId").asText());
            Map<String, JsonNode> mappers = new HashMap<>();
            client.get("protocolMappers").forEach(m -> mappers.put(m.get("protocolMapper").asText(), m.get("config")));
            assertThat(mappers.get("oidc-audience-mapper").get("included.custom.audience").asText())
                    .isEqualTo("dvk-api");
            assertThat(mappers.get("oidc-usermodel-realm-role-mapper").get("claim.name").asText())
                    .isEqualTo("realm_access.roles");
            assertThat(mappers.get("oidc-usermodel-attribute-mapper").get("claim.name").asText())
                    .isEqualTo("unit_code");
        }
        assertThat(clients).containsExactlyInAnyOrder("dvk-web", "dvk-cli", "dvk-machine");
        JsonNode web = find(keycloak.get("clients"), "dvk-web");
        assertThat(web.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(find(keycloak.get("clients"), "dvk-cli").get("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(find(keycloak.get("clients"), "dvk-machine").get("serviceAccountsEnabled").asBoolean()).isTrue();
        List<String> roles = JSON.convertValue(keycloak.at("/roles/realm").findValuesAsText("name"), List.class);
        assertThat(roles).containsExactlyInAnyOrder("ADMIN", "COORDINATOR", "REVIEWER", "UNIT_OFFICER", "VIEWER");
    }

    @Test
    void everyFileTheComposeFileMountsExists() throws IOException {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        java.util.regex.Matcher mount = java.util.regex.Pattern.compile("- (\\./[^:]+):").matcher(compose);
        int mounts = 0;
        while (mount.find()) {
            mounts++;
            assertThat(ROOT.resolve(mount.group(1)).normalize()).as(mount.group(1)).exists();
        }
        assertThat(mounts).isEqualTo(3);
    }

    private static JsonNode find(JsonNode clients, String clientId) {
        for (JsonNode client : clients) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError(clientId);
    }
}
