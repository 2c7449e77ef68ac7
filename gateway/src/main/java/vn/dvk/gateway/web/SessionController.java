package vn.dvk.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import vn.dvk.gateway.security.GatewayCaller;

/** Who is signed in, for the web app: name, unit and roles, or 401 with where to sign in. */
@RestController
class SessionController {

    private final GatewayCaller.ClaimPaths paths;
    private final Problems problems;

    SessionController(GatewayCaller.ClaimPaths paths, Problems problems) {
        this.paths = paths;
        this.problems = problems;
    }

    @GetMapping("/session")
    @io.swagger.v3.oas.annotations.Operation(operationId = "getSession",
            summary = "Who is signed in: name, unit and roles; 401 with where to sign in otherwise")
    Mono<ResponseEntity<Map<String, Object>>> session(
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) Mono<Authentication> authentication,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) ServerWebExchange exchange) {
        return authentication.map(a -> GatewayCaller.of(a, paths))
                .map(caller -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("username", caller.username());
                    body.put("name", caller.name());
                    body.put("unitCode", caller.unitCode());
                    body.put("roles", caller.sortedRoles());
                    body.put("signOut", "/logout");
                    return ResponseEntity.ok(body);
                })
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    Map<String, Object> body = problems.body(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated");
                    body.put("signIn", "/oauth2/authorization/dvk");
                    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                            .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
                }));
    }
}
