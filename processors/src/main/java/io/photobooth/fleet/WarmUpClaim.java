package io.photobooth.fleet;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads the warm-up's claim ({@code previous_state} of the group row it locked and updated):
 * the one call that found the group {@code STOPPED} claimed the start and makes the start call;
 * every call tells its kiosk {@code READY} or {@code STARTING}.
 */
public class WarmUpClaim implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        List<?> rows = in.getBody(List.class);
        if (rows == null || rows.size() != 1) {
            throw new IllegalStateException("no generator group " + in.getHeader(FleetHeaders.GROUP));
        }
        GeneratorState previous = GeneratorState.valueOf((String) ((Map<?, ?>) rows.get(0)).get("previous_state"));
        in.setHeader(FleetHeaders.STATE, previous.afterWarmUp());
        in.setHeader(FleetHeaders.START_CLAIMED, previous == GeneratorState.STOPPED);
    }
}
