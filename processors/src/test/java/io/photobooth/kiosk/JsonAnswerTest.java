package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.contract.Json;
import io.photobooth.contract.ShotStatus;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class JsonAnswerTest {

    private static Exchange withBody(Object body) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "acme");
        exchange.getMessage().setHeader("CamelAwsS3Key", "uploads/test/acme/x/1.jpg");
        exchange.getMessage().setHeader("CamelJdbcUpdateCount", 1);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static RequestAnswer request(ShotStatus status) {
        return new RequestAnswer("id", "sketch", 1, "image/jpeg", status, Instant.parse("2025-03-04T05:06:07Z"), null,
                120, null, false, null, List.of(new ShotResult(1, status, null, null, null, null)), "/api/v1/requests/id");
    }

    @Test
    void shouldWriteBodyAsJsonWithStatus() throws Exception {
        Exchange exchange = withBody(Map.of("hello", "kiosk"));

        JsonAnswer.withStatus(201).process(exchange);

        assertThat(Json.mapper().readTree(exchange.getMessage().getBody(byte[].class)).get("hello").asText())
                .isEqualTo("kiosk");
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(201);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void shouldDropEveryInternalHeader() throws Exception {
        Exchange exchange = withBody(Map.of());

        JsonAnswer.withStatus(200).process(exchange);

        assertThat(exchange.getMessage().getHeaders())
                .containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
    }

    @Test
    void shouldAnswerFinishedRequestWith200() throws Exception {
        Exchange exchange = withBody(request(ShotStatus.DONE));

        JsonAnswer.ofRequest().process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        JsonNode json = Json.mapper().readTree(exchange.getMessage().getBody(byte[].class));
        assertThat(json.get("status").asText()).isEqualTo("DONE");
        assertThat(json.get("createdAt").asText()).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(json.has("finishedAt")).as("null members are left out").isFalse();
    }

    @Test
    void shouldAnswerRequestInProgressWith202() throws Exception {
        Exchange exchange = withBody(request(ShotStatus.QUEUED));

        JsonAnswer.ofRequest().process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(202);
    }

    @Test
    void shouldAnswerProblemAsProblemJson() throws Exception {
        Exchange exchange = withBody(Map.of("status", 404));

        JsonAnswer.ofProblem(404).process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(404);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
    }
}
