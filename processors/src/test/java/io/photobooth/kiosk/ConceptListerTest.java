package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.photobooth.fleet.GeneratorFleet;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.kiosk.ConceptLister.Concepts;
import io.photobooth.kiosk.ConceptLister.ConceptView;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ConceptListerTest {

    private final GeneratorFleet fleet = new GeneratorFleet() {
        @Override
        public GeneratorState start(String concept) {
            throw new AssertionError("listing must not start generators");
        }

        @Override
        public GeneratorState stop(String concept) {
            throw new AssertionError("listing must not stop generators");
        }

        @Override
        public GeneratorState state(String concept) {
            return concept.equals("sketch") ? GeneratorState.RUNNING : GeneratorState.STOPPED;
        }
    };

    private final ConceptLister lister = new ConceptLister(TestCatalogue.properties(), fleet);

    private Concepts list(String vendor) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, vendor);
        lister.process(exchange);
        return exchange.getMessage().getBody(Concepts.class);
    }

    @Test
    void shouldListVendorsConceptsSortedWithDisplayNameAndGeneratorState() {
        assertThat(list("acme").concepts()).containsExactly(
                new ConceptView("comic", "Comic", GeneratorState.STOPPED),
                new ConceptView("sketch", "Pencil sketch", GeneratorState.RUNNING));
    }

    @Test
    void shouldListOnlyConceptsOfTheVendor() {
        assertThat(list("globex").concepts()).containsExactly(
                new ConceptView("noir", "Film noir", GeneratorState.STOPPED));
    }
}
