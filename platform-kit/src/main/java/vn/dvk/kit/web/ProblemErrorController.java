package vn.dvk.kit.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dvk.kit.problem.ProblemDetailsAdvice;
import vn.dvk.kit.problem.ProblemWriter;

/**
 * Replaces Spring Boot's error page: an error that escaped Spring MVC's handlers (thrown in a filter, or sent by the
 * container) is answered as a problem detail with the status it had; {@code /error} asked for directly is a path like
 * any other that does not exist (404), not an error of unknown status.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private final ProblemWriter problems;

    public ProblemErrorController(ProblemWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
        if (status == null || status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        response.resetBuffer();
        problems.write(request, response, status, ProblemDetailsAdvice.codeForStatus(status.value()));
    }
}
