package io.photobooth.kiosk;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Refuses a requestId path parameter that is not a canonical UUID with the same
 * {@link ProblemType#UNKNOWN_REQUEST} as an unknown one, before it reaches SQL or S3.
 */
public class RequestIdCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        String requestId = exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID, String.class);
        if (RequestIds.parse(requestId).isEmpty()) {
            throw RequestAnswerer.unknownRequest(String.valueOf(requestId));
        }
    }
}
