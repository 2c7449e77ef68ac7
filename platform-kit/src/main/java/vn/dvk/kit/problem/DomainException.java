package vn.dvk.kit.problem;

import java.util.Arrays;

import org.springframework.http.HttpStatus;

/**
 * A request refused for a reason the caller should understand, answered as an RFC 9457 problem detail. The title
 * and detail come from the message bundles under {@code problem.<code>.title} and {@code problem.<code>.detail}
 * (Vietnamese by default, English on {@code Accept-Language: en}); {@code args} fill the detail's placeholders.
 */
public class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient Object[] args;

    public DomainException(HttpStatus status, String code, Object... args) {
        super(code + " " + Arrays.toString(args));
        this.status = status;
        this.code = code;
        this.args = args.clone();
    }

    public static DomainException notFound(String code, Object... args) {
        return new DomainException(HttpStatus.NOT_FOUND, code, args);
    }

    public static DomainException conflict(String code, Object... args) {
        return new DomainException(HttpStatus.CONFLICT, code, args);
    }

    public static DomainException unprocessable(String code, Object... args) {
        return new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, code, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }
}
