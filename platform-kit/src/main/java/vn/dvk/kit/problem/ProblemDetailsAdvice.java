package vn.dvk.kit.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every error leaves a service as {@code application/problem+json} (RFC 9457) with a stable {@code code}, a title and
 * detail in the caller's language and, for invalid input, one entry per field in {@code errors}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    public static final String TYPE_PREFIX = "https://dvk.vn/problems/";

    private final MessageSource messages;

    public ProblemDetailsAdvice(MessageSource messages) {
        this.messages = messages;
        setMessageSource(messages);
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> domain(DomainException e, WebRequest request) {
        ProblemDetail problem = problem(e.status(), e.code(), e.args());
        if (e instanceof InvalidInputException invalid) {
            Locale locale = LocaleContextHolder.getLocale();
            problem.setProperty("errors", invalid.errors().stream().map(error -> error.message() != null ? error
                    : new FieldProblem(error.field(), error.code(),
                            messages.getMessage(error.code(), null, error.code(), locale))).toList());
        }
        return handleExceptionInternal(e, problem, new HttpHeaders(), e.status(), request);
    }

    /**
     * A multipart body that cannot be parsed (no boundary, cut off): the caller's mistake, not the server's. (One over
     * the size limit is the more specific {@code MaxUploadSizeExceededException}, answered 413 by the base class.)
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> unreadableMultipart(MultipartException e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "multipart-unreadable");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "concurrent-change");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected error on {}", request.getDescription(false), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = LocaleContextHolder.getLocale();
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getCode(), fieldMessage(error, locale)))
                .toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", errors.size());
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /**
     * Spring MVC's own refusals (unreadable body, wrong parameter type, unsupported method or media type, missing
     * path…) get the platform's {@code code}, type and wording too, so that a client handles every error one way; a
     * body that did not bind names the field it broke in {@code errors}.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            String code = e instanceof HttpMessageNotReadableException ? "body-unreadable"
                    : e instanceof TypeMismatchException ? "parameter-invalid"
                    : e instanceof MissingServletRequestParameterException
                            || e instanceof MissingServletRequestPartException ? "parameter-missing"
                    : codeForStatus(status.value());
            Locale locale = LocaleContextHolder.getLocale();
            Object[] args = e instanceof ErrorResponse error ? error.getDetailMessageArguments() : null;
            problem.setType(URI.create(TYPE_PREFIX + code));
            problem.setTitle(messages.getMessage("problem." + code + ".title", null, problem.getTitle(), locale));
            problem.setDetail(messages.getMessage("problem." + code + ".detail", args, problem.getDetail(), locale));
            problem.setProperty("code", code);
            if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                problem.setProperty("errors", List.of(new FieldProblem(path(databind.getPath()), "TypeMismatch",
                        messages.getMessage("TypeMismatch", null, "TypeMismatch", locale))));
            }
        }
        return response;
    }

    /** The problem code for an HTTP status when nothing more precise is known. */
    public static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthenticated";
            case 403 -> "role-forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            case 415 -> "media-type-unsupported";
            case 501 -> "not-implemented";
            case 503 -> "service-unavailable";
            default -> status < 500 ? "bad-request" : "internal-error";
        };
    }

    /** Jackson's path to a field as bean validation names it: {@code indicators[0].target}. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private String fieldMessage(FieldError error, Locale locale) {
        return messages.getMessage(error, locale);
    }

    /** A problem whose type, title and detail come from the bundles for {@code code}. */
    public ProblemDetail problem(HttpStatusCode status, String code, Object... args) {
        return problem(status, code, LocaleContextHolder.getLocale(), args);
    }

    /** As {@link #problem(HttpStatusCode, String, Object...)} in a given language, for use outside Spring MVC. */
    public ProblemDetail problem(HttpStatusCode status, String code, Locale locale, Object... args) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(messages.getMessage("problem." + code + ".title", null, code, locale));
        problem.setDetail(messages.getMessage("problem." + code + ".detail", args, null, locale));
        problem.setProperty("code", code);
        return problem;
    }
}
