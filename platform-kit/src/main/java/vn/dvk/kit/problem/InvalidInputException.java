package vn.dvk.kit.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request refused for what one or more of its fields hold, answered as 400 {@code validation} with one entry per
 * field in {@code errors}, exactly as bean validation's refusals are. An entry without a message gets the one the
 * bundles hold for its code, in the caller's language.
 */
public class InvalidInputException extends DomainException {

    private final transient List<FieldProblem> errors;

    public InvalidInputException(List<FieldProblem> errors) {
        super(HttpStatus.BAD_REQUEST, "validation", errors.size());
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
