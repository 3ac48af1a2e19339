package io.photobooth.share;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.ProblemAnswer;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.kiosk.ServiceOutage;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a refused download link: a phone's browser (an {@code Accept} header naming
 * {@code text/html}) gets a short page in plain words with the problem's status; any other client
 * gets the RFC 9457 problem document, as from the kiosk API. A service that cannot be reached gives
 * the browser {@code 503} and {@code Retry-After}, as it gives the API.
 */
public class SharePageProblem implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SharePageProblem.class);

    private final ProblemAnswer problemAnswer = new ProblemAnswer();

    @Override
    public void process(Exchange exchange) throws Exception {
        String accept = exchange.getMessage().getHeader("Accept", String.class);
        if (accept == null || !accept.contains("text/html")) {
            problemAnswer.process(exchange);
            return;
        }
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (!(caught instanceof ApiProblem) && ServiceOutage.causedBy(caught)) {
            LOG.warn("Download page {} met an unavailable service: {}", exchange.getExchangeId(), caught.toString());
            PhonePage.answer(exchange, ProblemType.SERVICE_UNAVAILABLE.status(), "Please try again in a moment",
                    "<p>Your photos could not be shown just now. Please try again in a moment.</p>");
            exchange.getMessage().setHeader("Retry-After", ProblemAnswer.RETRY_AFTER_SECONDS);
            return;
        }
        if (!(caught instanceof ApiProblem problem)) {
            LOG.error("Download page {} failed", exchange.getExchangeId(), caught);
            PhonePage.answer(exchange, ProblemType.INTERNAL_ERROR.status(), "Something went wrong",
                    "<p>Your photos could not be shown just now. Please try again in a moment.</p>");
            return;
        }
        String title = switch (problem.type()) {
            case SHARE_LINK_EXPIRED -> "This link has expired";
            case RESULTS_NOT_READY -> "No photos here yet";
            default -> "This link does not work";
        };
        PhonePage.answer(exchange, problem.type().status(), title,
                "<p>" + PhonePage.escape(problem.getMessage()) + "</p>\n<p>Ask at the photobooth for a new code.</p>");
    }
}
