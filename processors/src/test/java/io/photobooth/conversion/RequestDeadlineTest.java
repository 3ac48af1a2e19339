package io.photobooth.conversion;

import static io.photobooth.support.TestCatalogue.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class RequestDeadlineTest {

    @Test
    void shouldStartTheDeadlineNowForTheRequestsLength() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.DEADLINE_SECONDS, 90);

        new RequestDeadline(TestCatalogue.CLOCK).process(exchange);

        assertThat(exchange.getMessage().getHeader(KioskHeaders.DEADLINE_AT))
                .isEqualTo(Timestamp.from(NOW.plusSeconds(90)));
    }
}
