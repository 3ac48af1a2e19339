package io.photobooth.kiosk;

import java.util.List;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.fleet.GeneratorStates;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Lists the concepts the authenticated vendor offers, with the state of the generators that serve the vendor. */
public class ConceptLister implements Processor {

    /** One concept as a kiosk shows it. */
    public record ConceptView(String name, String displayName, GeneratorState generator) {
    }

    /** The answer of {@code GET /api/v1/concepts}. */
    public record Concepts(List<ConceptView> concepts) {
    }

    private final PhotoboothProperties properties;
    private final GeneratorGroups groups;
    private final GeneratorStates states;

    public ConceptLister(PhotoboothProperties properties, GeneratorGroups groups, GeneratorStates states) {
        this.properties = properties;
        this.groups = groups;
        this.states = states;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String vendor = in.getHeader(KioskHeaders.VENDOR, String.class);
        in.setBody(new Concepts(properties.vendors().get(vendor).concepts().stream()
                .map(name -> new ConceptView(name, properties.concepts().get(name).displayName(),
                        states.state(groups.keyOf(vendor, name))))
                .toList()));
    }
}
