package vn.dvk.kit.testing;

import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Bean Validation as the API applies it to a request body, without Spring: which properties a value breaks. */
public final class Violations {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private Violations() {
    }

    /** The paths of the properties refused, e.g. {@code indicators[0].target}; empty when the value is valid. */
    public static Set<String> of(Object value) {
        Set<String> paths = new TreeSet<>();
        VALIDATOR.validate(value).forEach(v -> paths.add(path(v)));
        return paths;
    }

    /** The constraints refused, by name and path, e.g. {@code Measure indicators[0].target}. */
    public static Set<String> named(Object value) {
        Set<String> found = new TreeSet<>();
        VALIDATOR.validate(value).forEach(v -> found.add(v.getConstraintDescriptor().getAnnotation().annotationType()
                .getSimpleName() + " " + path(v)));
        return found;
    }

    /** As Spring names the field: {@code indicators[1]}, not {@code indicators[1].<list element>}. */
    private static String path(jakarta.validation.ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.<[a-z ]+>", "");
    }
}
