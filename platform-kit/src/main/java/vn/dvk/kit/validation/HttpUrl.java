package vn.dvk.kit.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A web address people may follow: an absolute {@code http} or {@code https} URL with a host and no user name or
 * password in it. Anything else a browser would act on — {@code javascript:}, {@code data:}, {@code file:}, a
 * relative or scheme-relative link — is refused, since the web app shows these as links. Surrounding spaces are
 * ignored (the URL is stored stripped); null is valid.
 */
@Constraint(validatedBy = HttpUrl.Validator.class)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE})
public @interface HttpUrl {

    String message() default "must be an http:// or https:// address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<HttpUrl, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isHttpUrl(value.strip());
        }

        static boolean isHttpUrl(String value) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque()
                        || uri.getRawUserInfo() != null) {
                    return false;
                }
                String host = uri.getHost();
                if (host == null) {
                    // java.net.URI reads only ASCII host names; an internationalised one (e.g. "dânvận.vn") is
                    // acceptable when it has an ASCII form.
                    String authority = uri.getRawAuthority();
                    if (authority == null || authority.contains("@")) {
                        return false;
                    }
                    host = IDN.toASCII(authority.replaceFirst(":\\d*$", ""), IDN.ALLOW_UNASSIGNED);
                }
                return !host.isBlank();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
