package io.photobooth.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.photobooth.contract.ShotStatus;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.S3Object;

class StoredOutcomesTest {

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    static final String PREFIX = "results/test/acme/" + ID + "/";
    static final Instant STORED = Instant.parse("2025-03-04T05:06:05Z");

    final StoredOutcomes outcomes = new StoredOutcomes(TestCatalogue.ENV);

    static S3Object object(String name, long size) {
        return S3Object.builder().key(PREFIX + name).size(size).lastModified(STORED).build();
    }

    static List<StoredOutcome> read(StoredOutcomes outcomes, int shots, List<S3Object> listed) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "acme");
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setHeader(KioskHeaders.SHOTS, shots);
        exchange.getMessage().setBody(listed);
        outcomes.process(exchange);
        @SuppressWarnings("unchecked")
        List<StoredOutcome> found = exchange.getMessage().getBody(List.class);
        return found;
    }

    @Test
    void shouldListUnderTheRequestsResultPrefix() {
        assertThat(outcomes.prefixOf("acme", ID)).isEqualTo(PREFIX);
    }

    @Test
    void shouldFindAResultAsDoneAndAFailureRecordAsFailedAndLeaveOutShotsWithNeither() {
        List<StoredOutcome> found = read(outcomes, 3, List.of(object("3.failed.json", 300), object("1.jpg", 2000)));

        assertThat(found).containsExactly(
                new StoredOutcome(1, ShotStatus.DONE, PREFIX + "1.jpg", STORED),
                new StoredOutcome(3, ShotStatus.FAILED, PREFIX + "3.failed.json", STORED));
        assertThat(found.get(1).failed()).isTrue();
    }

    @Test
    void shouldPreferTheResultWhenBothExist() {
        assertThat(read(outcomes, 1, List.of(object("1.failed.json", 300), object("1.jpg", 2000))))
                .extracting(StoredOutcome::status).containsExactly(ShotStatus.DONE);
    }

    @Test
    void shouldIgnoreEmptyObjectsAndShotsBeyondTheRequest() {
        assertThat(read(outcomes, 1, List.of(object("1.jpg", 0), object("2.jpg", 2000)))).isEmpty();
    }

    @Test
    void shouldFindNothingInAnEmptyListing() {
        assertThat(read(outcomes, 2, List.of())).isEmpty();
    }
}
