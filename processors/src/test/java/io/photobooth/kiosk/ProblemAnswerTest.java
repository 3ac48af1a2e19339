package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.contract.Json;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ProblemAnswerTest {

    private static Exchange failed(Exception caught, String path) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
        exchange.getMessage().setHeader(Exchange.HTTP_URI, path);
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "acme");
        exchange.getMessage().setBody("whatever the route had");
        return exchange;
    }

    private static JsonNode body(Exchange exchange) throws Exception {
        return Json.mapper().readTree(exchange.getMessage().getBody(byte[].class));
    }

    @Test
    void shouldAnswerApiProblemAsProblemJson() throws Exception {
        Exchange exchange = failed(new ApiProblem(ProblemType.UPLOADS_MISSING, "Upload shot 2.",
                java.util.Map.of("missingShots", List.of(2))), "/api/v1/requests/abc/conversion");

        new ProblemAnswer().process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(409);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(KioskHeaders.VENDOR);
        JsonNode body = body(exchange);
        assertThat(body.get("type").asText()).isEqualTo("urn:photobooth:problem:uploads-missing");
        assertThat(body.get("title").asText()).isEqualTo("Uploads missing");
        assertThat(body.get("status").asInt()).isEqualTo(409);
        assertThat(body.get("detail").asText()).isEqualTo("Upload shot 2.");
        assertThat(body.get("instance").asText()).isEqualTo("/api/v1/requests/abc/conversion");
        assertThat(body.get("missingShots").get(0).asInt()).isEqualTo(2);
    }

    @Test
    void shouldAnswerOtherFailureAsInternalErrorWithoutInternals() throws Exception {
        Exchange exchange = failed(new IllegalStateException("jdbc:postgresql://db:5432 password=hunter2"),
                "/api/v1/requests");

        new ProblemAnswer().process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        JsonNode body = body(exchange);
        assertThat(body.get("type").asText()).isEqualTo("urn:photobooth:problem:internal-error");
        assertThat(body.get("detail").asText()).contains(exchange.getExchangeId());
        assertThat(body.toString()).doesNotContain("hunter2").doesNotContain("postgresql")
                .doesNotContain("IllegalStateException");
    }

    @Test
    void shouldAnswerAnUnreachableServiceAsUnavailableWithRetryAfter() throws Exception {
        Exchange exchange = failed(new IllegalStateException("Unable to execute HTTP request",
                new ConnectException("Connection refused: sqs.internal:9324")), "/api/v1/requests/abc/conversion");

        new ProblemAnswer().process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
        assertThat(exchange.getMessage().getHeader("Retry-After")).isEqualTo(ProblemAnswer.RETRY_AFTER_SECONDS);
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(KioskHeaders.VENDOR);
        JsonNode body = body(exchange);
        assertThat(body.get("type").asText()).isEqualTo("urn:photobooth:problem:service-unavailable");
        assertThat(body.get("detail").asText()).contains(exchange.getExchangeId());
        assertThat(body.toString()).doesNotContain("sqs.internal").doesNotContain("ConnectException");
    }

    @Test
    void shouldLeaveOutInstanceWithoutPath() throws Exception {
        Exchange exchange = failed(new ApiProblem(ProblemType.UNAUTHORIZED, "Who?"), null);

        new ProblemAnswer().process(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(body(exchange).has("instance")).isFalse();
    }
}
