package io.photobooth.proxy.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import io.photobooth.contract.Json;
import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.JsonAnswer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error page for requests it refuses before any servlet runs (a path with {@code %2F} or
 * {@code %00}, say): the same problem+json as every other refusal, instead of an HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ApiProblem problem = ProblemErrorController.refusedByTheWebServer(status, request.getDecodedRequestURI());
        try {
            SecurityHeaders.addTo(response);
            response.setContentType(JsonAnswer.PROBLEM_JSON);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Json.mapper().writeValueAsString(problem.body(request.getRequestURI())));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            container.getLogger().debug("could not write the problem answer", e);
        }
    }
}
