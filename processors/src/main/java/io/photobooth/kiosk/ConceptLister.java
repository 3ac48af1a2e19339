package io.photobooth.kiosk;

import java.util.List;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.GeneratorFleet;
import io.photobooth.fleet.GeneratorState;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Lists the concepts the authenticated vendor offers, with their generators' state. */
public class ConceptLister implements Processor {

    /** One concept as a kiosk shows it. */
    public record ConceptView(String name, String displayName, GeneratorState generator) {
    }

    /** The answer of {@code GET /api/v1/concepts}. */
    public record Concepts(List<ConceptView> concepts) {
    }

    private final PhotoboothProperties properties;
    private final GeneratorFleet fleet;

    public ConceptLister(PhotoboothProperties properties, GeneratorFleet fleet) {
        this.properties = properties;
        this.fleet = fleet;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String vendor = in.getHeader(KioskHeaders.VENDOR, String.class);
        in.setBody(new Concepts(properties.vendors().get(vendor).concepts().stream()
                .map(name -> new ConceptView(name, properties.concepts().get(name).displayName(), fleet.state(name)))
                .toList()));
    }
}
