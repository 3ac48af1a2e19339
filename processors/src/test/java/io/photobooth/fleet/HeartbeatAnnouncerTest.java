package io.photobooth.fleet;

import static io.photobooth.fleet.FleetFixtures.GROUPS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.photobooth.contract.GeneratorHeartbeat;
import io.photobooth.contract.Json;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class HeartbeatAnnouncerTest {

    @Test
    void announcesTheInstanceAndItsConceptsUnderItsKeyForThreeIntervals() throws Exception {
        HeartbeatAnnouncer announcer = new HeartbeatAnnouncer(GROUPS, "test", Duration.ofMillis(4500),
                TestCatalogue.CLOCK);
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(HeartbeatAnnouncer.INSTANCE, "i-noir-globex");

        announcer.process(exchange);

        assertThat(exchange.getMessage().getHeader(HeartbeatAnnouncer.KEY))
                .isEqualTo("photobooth:test:generator:i-noir-globex");
        assertThat(exchange.getMessage().getHeader(HeartbeatAnnouncer.TIMEOUT_SECONDS)).as("rounded up").isEqualTo(5L);
        assertThat(Json.mapper().readValue(exchange.getMessage().getHeader(HeartbeatAnnouncer.VALUE, String.class),
                GeneratorHeartbeat.class))
                .isEqualTo(new GeneratorHeartbeat(1, "i-noir-globex", List.of("noir"), TestCatalogue.NOW));
    }
}
