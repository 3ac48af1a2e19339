package io.photobooth.conversion;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Fails the exchange when SQS refused any entry of a batch send, so that no shot is silently lost. */
public class BatchSendCheck implements Processor {

    @Override
    public void process(Exchange exchange) {
        SendMessageBatchResponse response = exchange.getMessage().getBody(SendMessageBatchResponse.class);
        if (response != null && response.hasFailed() && !response.failed().isEmpty()) {
            throw new IllegalStateException("SQS refused " + response.failed().size() + " job(s): "
                    + response.failed().getFirst().message());
        }
    }
}
