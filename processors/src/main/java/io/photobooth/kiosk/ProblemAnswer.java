package io.photobooth.kiosk;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a failed kiosk exchange with RFC 9457 problem+json. An {@link ApiProblem} is answered as
 * it is; anything else is logged and answered as {@link ProblemType#INTERNAL_ERROR} without its
 * internals.
 */
public class ProblemAnswer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAnswer.class);

    @Override
    public void process(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        ApiProblem problem = caught instanceof ApiProblem apiProblem ? apiProblem : internal(exchange, caught);
        exchange.getMessage().setBody(problem.body(path));
        JsonAnswer.ofProblem(problem.type().status()).process(exchange);
    }

    private static ApiProblem internal(Exchange exchange, Exception caught) {
        LOG.error("Kiosk request {} failed", exchange.getExchangeId(), caught);
        return new ApiProblem(ProblemType.INTERNAL_ERROR,
                "The request could not be completed; it is safe to retry. Reference: " + exchange.getExchangeId());
    }
}
