package vn.dvk.kit.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.dvk.kit.problem.ProblemWriter;

/**
 * Bad input of any shape gets a problem detail and changes nothing: the request filter and body guard every service
 * runs, its error page, and Tomcat's own refusals in the same form.
 */
@Configuration(proxyBeanMethods = false)
public class RequestHygiene {

    /** Before everything else (character encoding aside), so that no later filter meets what it would choke on. */
    @Bean
    FilterRegistrationBean<RequestHygieneFilter> requestHygieneFilter(ProblemWriter problems,
            @Value("${dvk.web.max-body-size}") DataSize maxBody,
            @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxUpload) {
        FilterRegistrationBean<RequestHygieneFilter> registration = new FilterRegistrationBean<>(
                new RequestHygieneFilter(problems, maxBody.toBytes(), maxUpload.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * JSON is read as written: an enum by its name only (not {@code 0}), a boolean or number only as one (not
     * {@code "true"} or {@code 1} for a boolean, not {@code "12"} for a number, not {@code 1.5} for an integer), text
     * only as a string (not {@code 12345} or {@code true}), a date without a time, nothing after
     * the document. Lenient reading made a request mean something its sender did not see. A field left out still
     * takes its default.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .defaultLeniency(Boolean.FALSE)
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    JsonBodyGuard jsonBodyGuard(@Value("${dvk.web.max-body-size}") DataSize maxBody, JsonMapper json,
            MessageSource messages) {
        return new JsonBodyGuard(maxBody.toBytes(), json, messages);
    }

    @Bean
    ProblemErrorController problemErrorController(ProblemWriter problems) {
        return new ProblemErrorController(problems);
    }

    @Bean
    ProblemErrorReports problemErrorReports() {
        return new ProblemErrorReports();
    }

    /**
     * Spring Boot puts Tomcat's HTML error report on the host; this runs after Boot's own customizers and puts the
     * problem-detail one in its place.
     */
    static final class ProblemErrorReports
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
