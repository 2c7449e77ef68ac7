package vn.dvk.kit.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import vn.dvk.kit.problem.ProblemDetailsAdvice;

/**
 * Tomcat's own refusals — a request line it cannot parse, a transfer coding it does not implement — answered as
 * problem details like every other error instead of Tomcat's HTML page. These happen before Spring sees the request,
 * so the wording comes straight from the kit's message bundles.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String code = ProblemDetailsAdvice.codeForStatus(status);
        if (status == 501) {
            // Tomcat's only 501 is a Transfer-Encoding it does not implement (gzip, deflate…): the client's framing is
            // what is wrong, and a 5xx would count against the service.
            status = 400;
            code = "transfer-encoding-unsupported";
            response.setStatus(status);
        }
        ResourceBundle messages = messages(request.getHeader("Accept-Language"));
        String body = "{\"type\":\"" + ProblemDetailsAdvice.TYPE_PREFIX + code + "\",\"title\":"
                + quoted(text(messages, "problem." + code + ".title", code)) + ",\"status\":" + status
                + ",\"detail\":" + quoted(text(messages, "problem." + code + ".detail", "")) + ",\"code\":\"" + code
                + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already started: nothing more can be said to the client.
        }
    }

    private static ResourceBundle messages(String acceptLanguage) {
        Locale locale = acceptLanguage != null && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en")
                ? Locale.ENGLISH : Locale.ROOT;
        return ResourceBundle.getBundle("kit-messages", locale, ProblemErrorReportValve.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String text(ResourceBundle messages, String key, String fallback) {
        try {
            return messages.getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
