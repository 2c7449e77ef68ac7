package vn.dvk.kit.problem;

/**
 * One field's problem inside a problem detail.
 *
 * @param field   the JSON path of the field, e.g. {@code title} or {@code indicators[0].target}
 * @param code    a stable machine code, e.g. {@code NotBlank}
 * @param message the explanation in the caller's language (Vietnamese unless asked otherwise)
 */
public record FieldProblem(String field, String code, String message) {
}
