package io.photobooth.proxy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.contract.Json;
import io.photobooth.kiosk.KioskHeaders;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Calls a kiosk flow route the way its platform-http verb would, and reads the answer. */
public final class KioskCalls {

    public static final String DEMO_KEY = "demo-local-key";

    private KioskCalls() {
    }

    /** Sends {@code body} with the given headers (an {@code X-Api-Key}, a {@code requestId} path parameter). */
    public static Exchange call(ProducerTemplate template, String endpoint, Object body, Map<String, Object> headers) {
        Exchange answer = template.request(endpoint, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new HashMap<>(headers));
        });
        if (answer.getException() != null) {
            throw new AssertionError("the kiosk route must answer every failure, but it threw", answer.getException());
        }
        return answer;
    }

    public static Map<String, Object> withKey(String apiKey) {
        return Map.of(KioskHeaders.API_KEY, apiKey);
    }

    public static int status(Exchange answer) {
        return answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }

    public static String contentType(Exchange answer) {
        return answer.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
    }

    public static JsonNode json(Exchange answer) {
        try {
            return Json.mapper().readTree(answer.getMessage().getBody(byte[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
