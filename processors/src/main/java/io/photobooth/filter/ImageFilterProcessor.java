package io.photobooth.filter;

import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Converts the photo in the body with the model of the {@code concept} header. */
public class ImageFilterProcessor implements Processor {

    private final ModelRegistry models;

    public ImageFilterProcessor(ModelRegistry models) {
        this.models = models;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String concept = message.getHeader(KioskHeaders.CONCEPT, String.class);
        message.setBody(models.filter(concept).apply(message.getBody(byte[].class)));
    }
}
