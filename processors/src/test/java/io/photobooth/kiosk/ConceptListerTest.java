package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.photobooth.contract.Json;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.fleet.GeneratorStates;
import io.photobooth.kiosk.ConceptLister.Concepts;
import io.photobooth.kiosk.ConceptLister.ConceptView;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ConceptListerTest {

    /** sketch's shared instances are ready; globex's dedicated noir instances are starting. */
    private final GeneratorStates states = group -> switch (group) {
        case "sketch" -> GeneratorState.READY;
        case "noir@globex" -> GeneratorState.STARTING;
        default -> GeneratorState.STOPPED;
    };

    private final ConceptLister lister = new ConceptLister(TestCatalogue.properties(),
            new GeneratorGroups(TestCatalogue.properties()), states);

    private Concepts list(String vendor) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, vendor);
        lister.process(exchange);
        return exchange.getMessage().getBody(Concepts.class);
    }

    @Test
    void shouldLeaveOutTheSampleOfAConceptThatHasNone() throws Exception {
        String json = Json.mapper().writeValueAsString(list("acme"));

        assertThat(json).contains("{\"name\":\"comic\",\"displayName\":\"Comic\",\"generator\":\"STOPPED\"}")
                .contains("\"sample\":{\"before\":\"/kiosk/samples/astronaut.png\","
                        + "\"after\":\"/kiosk/samples/sketch-astronaut.png\"}");
    }

    @Test
    void shouldListVendorsConceptsSortedWithDisplayNameGeneratorStateAndSampleImages() {
        assertThat(list("acme").concepts()).containsExactly(
                new ConceptView("comic", "Comic", GeneratorState.STOPPED, null),
                new ConceptView("sketch", "Pencil sketch", GeneratorState.READY, TestCatalogue.SKETCH_SAMPLE));
    }

    @Test
    void shouldListOnlyConceptsOfTheVendorWithTheStateOfItsDedicatedGenerators() {
        assertThat(list("globex").concepts()).containsExactly(
                new ConceptView("noir", "Film noir", GeneratorState.STARTING, null));
    }
}
