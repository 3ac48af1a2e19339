package io.photobooth.kiosk;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Concept;
import io.photobooth.catalogue.PhotoboothProperties.Sample;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.fleet.GeneratorStates;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Lists the concepts the authenticated vendor offers, with the state of the generators that serve
 * the vendor and the concept's sample images.
 */
public class ConceptLister implements Processor {

    /**
     * One concept as a kiosk shows it; {@code sample}, the concept's before/after images, only
     * where the catalogue has one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConceptView(String name, String displayName, GeneratorState generator, Sample sample) {
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
                .map(name -> view(vendor, name))
                .toList()));
    }

    private ConceptView view(String vendor, String name) {
        Concept concept = properties.concepts().get(name);
        return new ConceptView(name, concept.displayName(), states.state(groups.keyOf(vendor, name)), concept.sample());
    }
}
