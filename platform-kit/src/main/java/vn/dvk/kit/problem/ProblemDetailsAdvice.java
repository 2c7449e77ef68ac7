package vn.dvk.kit.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

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
        return handleExceptionInternal(e, problem, new HttpHeaders(), e.status(), request);
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
