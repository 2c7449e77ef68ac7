package vn.dvk.registration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;

/**
 * The value of an indicator (baseline, target, actual): between -10^15 and 10^15 with at most four decimals. A number
 * such as {@code 1e100000} parses into a {@code BigDecimal} but cannot be stored (MongoDB's Decimal128 holds 34
 * digits) nor sensibly computed with; it is refused here, as a field error, instead.
 */
@DecimalMin(Limits.MEASURE_MIN)
@DecimalMax(Limits.MEASURE_MAX)
@Digits(integer = 16, fraction = Limits.FRACTION_DIGITS)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE})
public @interface Measure {

    String message() default "must be a number from -10^15 to 10^15 with at most 4 decimals";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
