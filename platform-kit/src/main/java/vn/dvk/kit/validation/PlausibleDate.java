package vn.dvk.kit.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date from {@link #EARLIEST} to {@link #LATEST}. ISO dates reach the year ±999,999,999,
 * which no arithmetic or storage here survives (a {@code LocalDate} becomes a millisecond count in MongoDB); such a
 * date is refused as a field error before it gets there. Null is valid: say {@code @NotNull} where a date is required.
 */
@Constraint(validatedBy = PlausibleDate.Validator.class)
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE})
public @interface PlausibleDate {

    /** The earliest date any record of the platform can carry. */
    LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** The latest. */
    LocalDate LATEST = LocalDate.of(2199, 12, 31);

    String message() default "must be a date from 1900-01-01 to 2199-12-31";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlausibleDate, LocalDate> {

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || !value.isBefore(EARLIEST) && !value.isAfter(LATEST);
        }
    }
}
