package vn.dvk.kit.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.problem.ProblemDetailsAdvice;

/**
 * 401 and 403 decided by the security filters, answered as problem details in the caller's language, with the
 * {@code WWW-Authenticate: Bearer} header RFC 6750 asks for.
 */
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final ProblemDetailsAdvice problems;
    private final LocaleResolver locales;
    private final JsonMapper json;

    public SecurityProblems(ProblemDetailsAdvice problems, LocaleResolver locales, JsonMapper json) {
        this.problems = problems;
        this.locales = locales;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        bearer.commence(request, response, authException);
        write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "role-forbidden");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code)
            throws IOException {
        ProblemDetail problem = problems.problem(status, code, locales.resolveLocale(request));
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.getWriter().write(json.writeValueAsString(body));
    }
}
