package io.photobooth.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WarmUpClaimTest {

    private final WarmUpClaim claim = new WarmUpClaim();

    @ParameterizedTest
    @CsvSource({
        "STOPPED, STARTING, true",
        "STOPPING, STARTING, false",
        "STARTING, STARTING, false",
        "READY, READY, false"})
    void onlyTheCallThatFoundTheGroupStoppedStartsItAndEveryKioskHearsStartingOrReady(GeneratorState previous,
            GeneratorState told, boolean claimed) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(List.of(Map.of("previous_state", previous.name())));

        claim.process(exchange);

        assertThat(exchange.getMessage().getHeader(FleetHeaders.STATE)).isEqualTo(told);
        assertThat(exchange.getMessage().getHeader(FleetHeaders.START_CLAIMED)).isEqualTo(claimed);
    }

    @Test
    void aMissingGroupRowIsAnError() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(FleetHeaders.GROUP, "sketch");
        exchange.getMessage().setBody(List.of());

        assertThatThrownBy(() -> claim.process(exchange)).hasMessageContaining("sketch");
    }
}
