package io.photobooth.kiosk;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.Json;
import io.photobooth.contract.PhotoFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Parses and checks the pre-request body against the vendor's catalogue, then sets the
 * {@code concept}, {@code shots}, {@code photoContentType}, {@code deadlineSeconds} (the vendor's for
 * the concept, or the kiosk's shorter one) and {@code idempotencyKey} headers. Runs after
 * {@link VendorAuthenticator}.
 */
public class PreRequestValidator implements Processor {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

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
        String contentType = body.contentType() == null ? PhotoFormat.JPEG.contentType() : body.contentType();
        if (PhotoFormat.ofContentType(contentType).isEmpty()) {
            throw new ApiProblem(ProblemType.UNSUPPORTED_PHOTO_FORMAT,
                    "'contentType' must be one of " + PhotoFormat.contentTypes() + ".",
                    Map.of("contentTypes", PhotoFormat.contentTypes()));
        }
        long allowed = properties.vendors().get(vendor).deadlineOf(body.concept()).toSeconds();
        long deadline = body.deadlineSeconds() == null ? allowed : body.deadlineSeconds();
        if (deadline < 1 || deadline > allowed) {
            throw new ApiProblem(ProblemType.INVALID_DEADLINE,
                    "'deadlineSeconds' must be between 1 and " + allowed + " (this vendor's deadline for "
                            + body.concept() + "), was " + deadline + ".",
                    Map.of("maxDeadlineSeconds", allowed));
        }
        in.setHeader(KioskHeaders.CONCEPT, body.concept());
        in.setHeader(KioskHeaders.DEADLINE_SECONDS, deadline);
        in.setHeader(KioskHeaders.SHOTS, shots);
        in.setHeader(KioskHeaders.PHOTO_CONTENT_TYPE, contentType);
        in.setHeader(KioskHeaders.IDEMPOTENCY_KEY, idempotencyKey(in.getHeader(KioskHeaders.IDEMPOTENCY_KEY_HTTP, String.class)));
    }

    private static String idempotencyKey(String key) {
        if (key == null) {
            return "";
        }
        if (!IDEMPOTENCY_KEY.matcher(key).matches()) {
            throw new ApiProblem(ProblemType.INVALID_IDEMPOTENCY_KEY,
                    "An Idempotency-Key is 1 to 255 visible ASCII characters, such as a UUID.");
        }
        return key;
    }

    /** Why Jackson refused the body, in the API's words: its own messages name Java types and settings. */
    private static String reason(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "a pre-request has no field '" + unknown.getPropertyName() + "'.";
        }
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                    .filter(Objects::nonNull).findFirst()
                    .map(field -> "the field '" + field + "' has the wrong type.")
                    .orElse("it must be one JSON object.");
        }
        return "it is not valid JSON.";
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
            throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body is not a valid pre-request: " + reason(e));
        } catch (IOException e) {
            throw new ApiProblem(ProblemType.MALFORMED_REQUEST, "The body could not be read.");
        }
    }
}
