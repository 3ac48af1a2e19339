package io.photobooth.kiosk;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.Json;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Parses and checks the pre-request body against the vendor's catalogue, then sets the
 * {@code concept} and {@code shots} headers. Runs after {@link VendorAuthenticator}.
 */
public class PreRequestValidator implements Processor {

    private final PhotoboothProperties properties;

    public PreRequestValidator(PhotoboothProperties properties) {
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String vendor = in.getHeader(KioskHeaders.VENDOR, String.class);
        PreRequest body = parse(in.getBody(byte[].class));
        Set<String> offered = properties.vendors().get(vendor).concepts();
        if (body.concept() == null || !offered.contains(body.concept())) {
            throw new ApiProblem(ProblemType.UNKNOWN_CONCEPT,
                    body.concept() == null
                            ? "The field 'concept' is required."
                            : "This vendor offers no concept named '" + body.concept() + "'.",
                    Map.of("concepts", List.copyOf(offered)));
        }
        int maxShots = properties.kiosk().maxShots();
        int shots = body.shots() == null ? 1 : body.shots();
        if (shots < 1 || shots > maxShots) {
            throw new ApiProblem(ProblemType.INVALID_SHOTS,
                    "'shots' must be between 1 and " + maxShots + ", was " + shots + ".",
                    Map.of("minShots", 1, "maxShots", maxShots));
        }
        in.setHeader(KioskHeaders.CONCEPT, body.concept());
        in.setHeader(KioskHeaders.SHOTS, shots);
    }

    private static PreRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ApiProblem(ProblemType.MALFORMED_REQUEST,
                    "A JSON body {\"concept\": \"...\", \"shots\": 1..4} is required.");
        }
        try {
            PreRequest request = Json.mapper().readValue(body, PreRequest.class);
            if (request == null) {
                throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object.");
            }
            return request;
        } catch (JacksonException e) {
            throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body is not a valid pre-request: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body could not be read.");
        }
    }
}
