package vn.dvk.evaluation;

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
 * Points of one criterion — a score, a maximum, a weight, a bonus: from 0 to {@value Limits#POINTS_MAX} with at most
 * four decimals. A number such as {@code 1e100000} or {@code 1e-100000} parses into a {@code BigDecimal} but cannot be
 * stored (MongoDB's Decimal128 holds 34 digits) nor divided by at a fixed scale in the totals; it is refused here, as
 * a field error, instead.
 */
@DecimalMin("0")
@DecimalMax(Limits.POINTS_MAX)
@Digits(integer = 4, fraction = Limits.FRACTION_DIGITS)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE,
        ElementType.ANNOTATION_TYPE})
public @interface Points {

    String message() default "must be a number from 0 to 1000 with at most 4 decimals";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
