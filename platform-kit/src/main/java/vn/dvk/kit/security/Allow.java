package vn.dvk.kit.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call an endpoint. Every handler method must carry it (on the method or its class): a handler
 * without it is refused to everyone, so a new endpoint is closed until someone decides who may use it. Which objects
 * the caller may touch is then checked with {@link UnitAccess}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allow {

    Role[] value();
}
