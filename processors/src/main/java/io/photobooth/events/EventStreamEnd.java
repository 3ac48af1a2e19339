package io.photobooth.events;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Ends an event stream: stops listening, and leaves the exchange with no body and no header, so
 * that the web binding, which writes the exchange to the response after the route, adds nothing to
 * the stream already written.
 */
public class EventStreamEnd implements Processor {

    @Override
    public void process(Exchange exchange) {
        EventStream.of(exchange).close();
        Message in = exchange.getMessage();
        in.removeHeaders("*");
        in.setBody(null);
    }
}
