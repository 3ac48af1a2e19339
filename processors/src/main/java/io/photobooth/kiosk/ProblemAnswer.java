package io.photobooth.kiosk;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a failed kiosk exchange with RFC 9457 problem+json. An {@link ApiProblem} is answered as
 * it is; a backing service that could not be reached ({@link ServiceOutage}) as
 * {@link ProblemType#SERVICE_UNAVAILABLE} with {@code Retry-After}; anything else is logged and
 * answered as {@link ProblemType#INTERNAL_ERROR}. Neither says more than a reference to the log.
 */
public class ProblemAnswer implements Processor {

    /** Seconds a kiosk waits before it tries again a call that met an unavailable service. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAnswer.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        ApiProblem problem;
        if (caught instanceof ApiProblem apiProblem) {
            problem = apiProblem;
        } else if (ServiceOutage.causedBy(caught)) {
            problem = unavailable(exchange, caught);
        } else {
            problem = internal(exchange, caught);
        }
        exchange.getMessage().setBody(problem.body(path));
        JsonAnswer.ofProblem(problem.type().status()).process(exchange);
        if (problem.type() == ProblemType.SERVICE_UNAVAILABLE) {
            exchange.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
    }

    private static ApiProblem unavailable(Exchange exchange, Exception caught) {
        LOG.warn("Kiosk request {} met an unavailable service: {}", exchange.getExchangeId(), caught.toString());
        return new ApiProblem(ProblemType.SERVICE_UNAVAILABLE, "A service this request needs is unavailable for now;"
                + " it is safe to retry in a few seconds. Reference: " + exchange.getExchangeId());
    }

    private static ApiProblem internal(Exchange exchange, Exception caught) {
        LOG.error("Kiosk request {} failed", exchange.getExchangeId(), caught);
        return new ApiProblem(ProblemType.INTERNAL_ERROR,
                "The request could not be completed; it is safe to retry. Reference: " + exchange.getExchangeId());
    }
}
