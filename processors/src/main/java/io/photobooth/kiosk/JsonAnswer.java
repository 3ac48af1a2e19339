package io.photobooth.kiosk;

import java.util.function.ToIntFunction;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.photobooth.contract.Json;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Writes the body as the JSON answer to the kiosk with the given status, and drops every exchange
 * header, so that nothing internal (vendor, S3 keys, SQL counts) leaks as an HTTP header.
 */
public class JsonAnswer implements Processor {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private final ToIntFunction<Object> status;
    private final String contentType;

    private JsonAnswer(ToIntFunction<Object> status, String contentType) {
        this.status = status;
        this.contentType = contentType;
    }

    public static JsonAnswer withStatus(int status) {
        return new JsonAnswer(body -> status, JSON);
    }

    /** {@code 200} for a finished request, {@code 202} while it is still being converted. */
    public static JsonAnswer ofRequest() {
        return new JsonAnswer(body -> ((RequestAnswer) body).finished() ? 200 : 202, JSON);
    }

    static JsonAnswer ofProblem(int status) {
        return new JsonAnswer(body -> status, PROBLEM_JSON);
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        int code = status.applyAsInt(body);
        message.removeHeaders("*");
        message.setBody(Json.mapper().writeValueAsBytes(body));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, code);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
    }
}
