package io.photobooth.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;

import io.photobooth.contract.ShotStatus;
import io.photobooth.conversion.CompletionReader;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ReconciledShotTest {

    static final Instant STORED = Instant.parse("2025-03-04T05:06:05Z");

    @Test
    void shouldRecordAStoredResultAsDoneByReconciliationAtTheTimeItWasStored() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(CompletionReader.ERROR, "left over");
        exchange.getMessage().setBody(new StoredOutcome(2, ShotStatus.DONE, "results/test/acme/id/2.jpg", STORED));

        new ReconciledShot().process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.SHOT)).isEqualTo(2);
        assertThat(exchange.getMessage().getHeader(CompletionReader.SHOT_STATUS)).isEqualTo("DONE");
        assertThat(exchange.getMessage().getHeader(CompletionReader.GENERATOR)).isEqualTo("reconciled");
        assertThat(exchange.getMessage().getHeader(CompletionReader.ERROR)).isNull();
        assertThat(exchange.getMessage().getHeader(CompletionReader.STARTED_AT)).isNull();
        assertThat(exchange.getMessage().getHeader(CompletionReader.FINISHED_AT)).isEqualTo(Timestamp.from(STORED));
    }

    @Test
    void shouldRefuseAFailureRecordWhoseReasonIsInTheRecord() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(
                new StoredOutcome(1, ShotStatus.FAILED, "results/test/acme/id/1.failed.json", STORED));

        assertThatThrownBy(() -> new ReconciledShot().process(exchange)).isInstanceOf(IllegalArgumentException.class);
    }
}
