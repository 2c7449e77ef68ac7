package vn.dvk.kit.security;

import java.util.Arrays;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import vn.dvk.kit.audit.AuditTrail;
import vn.dvk.kit.problem.DomainException;

/**
 * The role half of authorization, deny by default: a handler without {@link Allow} is refused to everyone, and one
 * with it to every caller who has none of its roles.
 */
public class AllowInterceptor implements HandlerInterceptor {

    private final UnitAccess access;
    private final AuditTrail audit;

    public AllowInterceptor(UnitAccess access, AuditTrail audit) {
        this.access = access;
        this.audit = audit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        String target = request.getMethod() + " " + request.getRequestURI();
        Allow allow = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Allow.class);
        if (allow == null) {
            allow = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Allow.class);
        }
        if (allow == null) {
            audit.record("access.denied", "endpoint-not-opened", target, Map.of());
            throw new DomainException(HttpStatus.FORBIDDEN, "role-forbidden");
        }
        Caller caller = access.caller();
        if (!caller.hasAnyRole(allow.value())) {
            audit.record("access.denied", "role-not-allowed", target,
                    Map.of("required", Arrays.stream(allow.value()).map(Enum::name).toList()));
            throw new DomainException(HttpStatus.FORBIDDEN, "role-forbidden");
        }
        return true;
    }
}
