package io.photobooth.proxy.api;

import java.util.Map;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.JsonAnswer;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.proxy.ProxyRole;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what the web server refuses before a route runs (an unknown path, a wrong method, a
 * wrong content type) with the same RFC 9457 problem documents as the routes, instead of Spring
 * Boot's default error page. What Tomcat refuses before Spring sees it (an encoded slash or NUL in
 * the path) is answered the same way by {@link ProblemErrorReportValve}. The error path called
 * directly is answered {@code 404}, like any path that serves nothing.
 */
@RestController
@ProxyRole
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // no status: called directly, not as the error page of another request
        boolean direct = code == null;
        int status = direct ? 404 : code instanceof Integer value ? value : 500;
        String path = direct ? request.getRequestURI()
                : (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ApiProblem problem = refusedByTheWebServer(status, path);
        return ResponseEntity.status(problem.type().status())
                .contentType(MediaType.parseMediaType(JsonAnswer.PROBLEM_JSON))
                .body(problem.body(path));
    }

    /** The problem of a status the web server gave before any route ran. */
    static ApiProblem refusedByTheWebServer(int status, String path) {
        return switch (status) {
            case 400 -> new ApiProblem(ProblemType.MALFORMED_REQUEST, "The HTTP request is malformed.");
            case 404 -> new ApiProblem(ProblemType.NOT_FOUND, "There is nothing at " + path + ".");
            case 405 -> new ApiProblem(ProblemType.METHOD_NOT_ALLOWED, path + " does not accept this method.");
            case 406 -> new ApiProblem(ProblemType.NOT_ACCEPTABLE,
                    path + " answers only in its own format: accept application/json (text/event-stream for events),"
                            + " or */*.");
            case 415 -> new ApiProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as Content-Type: application/json.");
            default -> new ApiProblem(ProblemType.INTERNAL_ERROR, "The request could not be completed.");
        };
    }
}
