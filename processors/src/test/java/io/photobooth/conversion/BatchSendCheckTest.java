package io.photobooth.conversion;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

class BatchSendCheckTest {

    private final BatchSendCheck check = new BatchSendCheck();

    private static Exchange withBody(Object body) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void shouldFailWhenAnyEntryIsRefused() {
        SendMessageBatchResponse response = SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("1").messageId("m1").build())
                .failed(BatchResultErrorEntry.builder().id("2").code("Throttled").message("slow down")
                        .senderFault(false).build())
                .build();

        assertThatThrownBy(() -> check.process(withBody(response)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 job(s)")
                .hasMessageContaining("slow down");
    }

    @Test
    void shouldPassWhenEveryEntrySucceeded() {
        SendMessageBatchResponse response = SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("1").messageId("m1").build())
                .build();

        assertThatCode(() -> check.process(withBody(response))).doesNotThrowAnyException();
    }

    @Test
    void shouldPassWhenFailedListIsEmpty() {
        SendMessageBatchResponse response = SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("1").messageId("m1").build())
                .failed(java.util.List.of())
                .build();

        assertThatCode(() -> check.process(withBody(response))).doesNotThrowAnyException();
    }

    @Test
    void shouldPassWithoutResponse() {
        assertThatCode(() -> check.process(withBody(null))).doesNotThrowAnyException();
    }
}
