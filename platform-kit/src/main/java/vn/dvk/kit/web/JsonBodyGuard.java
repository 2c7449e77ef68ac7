package vn.dvk.kit.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.problem.DomainException;
import vn.dvk.kit.problem.FieldProblem;
import vn.dvk.kit.problem.InvalidInputException;
import vn.dvk.kit.text.UnsafeText;

/**
 * The one place where every request body is checked before it is bound, whatever the endpoint: at most
 * {@code maxBytes} are read however the body arrives (a chunked body has no length to check in advance), and a JSON
 * body is refused field by field when a string carries characters no text may hold ({@link UnsafeText}) or is longer
 * than any field of the platform, when a number is beyond what a double holds ({@code 1e100000}) or has absurdly many
 * decimal places ({@code 1e-100000}), or when it nests
 * deeper than any request does. Per-field rules (lengths, formats) stay with the request types' bean validation.
 */
@ControllerAdvice
public class JsonBodyGuard extends RequestBodyAdviceAdapter {

    /** Longer than any free-text field of the platform (their own caps are lower); longer strings are refused. */
    static final int MAX_STRING_LENGTH = 20_000;
    /** Longer than any list a request of the platform carries (the request types' own caps are lower). */
    static final int MAX_ARRAY_LENGTH = 10_000;
    /** Deeper than any request type of the platform nests. */
    static final int MAX_DEPTH = 32;
    private static final int MAX_REPORTED = 20;
    /**
     * More decimal places (or a larger power of ten) than any figure of the platform has; {@code 1e-100000} is a
     * double's 0 but a decimal that no store or arithmetic here handles.
     */
    static final int MAX_SCALE = 100;

    private final long maxBytes;
    private final JsonMapper json;
    private final MessageSource messages;

    public JsonBodyGuard(long maxBytes, JsonMapper json, MessageSource messages) {
        this.maxBytes = maxBytes;
        this.json = json;
        this.messages = messages;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = readAtMost(input.getBody(), maxBytes);
        MediaType type = input.getHeaders().getContentType();
        if (type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || type.getSubtype().endsWith("+json"))) {
            List<FieldProblem> problems = scan(body);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** The body, or 413 as soon as more than {@code limit} bytes have come. */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            throw new DomainException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", limit);
        }
        return body;
    }

    /**
     * The fields that break a rule; empty when none does. A body that is not JSON at all is left to the converter,
     * which refuses it as unreadable.
     */
    List<FieldProblem> scan(byte[] body) {
        List<FieldProblem> problems = new ArrayList<>();
        try (JsonParser parser = json.createParser(body)) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null && problems.size() < MAX_REPORTED) {
                if (token.isScalarValue() || token.isStructStart()) {
                    TokenStreamContext parent = parser.streamReadContext();
                    parent = token.isStructStart() ? parent.getParent() : parent;
                    if (parent != null && parent.inArray() && parent.getCurrentIndex() >= MAX_ARRAY_LENGTH) {
                        problems.add(problem(parser, "Size", "", MAX_ARRAY_LENGTH, 0));
                        return problems;
                    }
                }
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            problems.add(problem(parser, "TooDeep", MAX_DEPTH));
                            return problems;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case PROPERTY_NAME, VALUE_STRING -> {
                        String text = parser.getString();
                        UnsafeText.Reason reason = UnsafeText.check(text, token == JsonToken.VALUE_STRING);
                        if (reason != null) {
                            problems.add(problem(parser, reason.code()));
                        } else if (text.length() > MAX_STRING_LENGTH) {
                            problems.add(problem(parser, "Size", "", MAX_STRING_LENGTH, 0));
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> {
                        if (!Double.isFinite(parser.getDoubleValue())
                                || Math.abs(parser.getDecimalValue().scale()) > MAX_SCALE) {
                            problems.add(problem(parser, "NotFinite"));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (JacksonException e) {
            // Not JSON, or beyond the parser's own limits: the converter refuses it as unreadable.
        }
        return problems;
    }

    private FieldProblem problem(JsonParser parser, String code, Object... args) {
        String message = messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
        return new FieldProblem(path(parser.streamReadContext()), code, message);
    }

    /** The field's path as the bean-validation errors name it: {@code indicators[0].target}. */
    static String path(TokenStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.currentName() != null) {
                parts.push("." + c.currentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
