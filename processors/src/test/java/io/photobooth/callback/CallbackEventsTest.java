package io.photobooth.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.contract.Json;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class CallbackEventsTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Instant FINISHED = Instant.parse("2025-03-04T05:01:30.123456Z");
    private static final Instant DEADLINE = Instant.parse("2025-03-04T05:02:00Z");

    private final CallbackEvents events = new CallbackEvents();

    private static Map<String, Object> row(String type, String status, String refundReason, int shot,
            String shotStatus, String reason, String error) {
        Map<String, Object> row = new HashMap<>();
        row.put("event_id", 42L);
        row.put("type", type);
        row.put("occurred_at", Timestamp.from(FINISHED));
        row.put("request_id", ID);
        row.put("vendor", "acme");
        row.put("concept", "sketch");
        row.put("status", status);
        row.put("shots", 2);
        row.put("refund_reason", refundReason);
        row.put("deadline_at", Timestamp.from(DEADLINE));
        row.put("finished_at", Timestamp.from(FINISHED));
        row.put("shot", shot);
        row.put("shot_status", shotStatus);
        row.put("reason", reason);
        row.put("error", error);
        return row;
    }

    private JsonNode body(List<Map<String, Object>> rows) throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(rows);
        events.process(exchange);
        return Json.mapper().readTree(exchange.getMessage().getBody(byte[].class));
    }

    @Test
    void describesAFailedRequestAndEachShotWithoutResultUrls() throws Exception {
        JsonNode body = body(List.of(
                row("failed", "FAILED", "INPUT_REJECTED", 1, "DONE", null, null),
                row("failed", "FAILED", "INPUT_REJECTED", 2, "FAILED", "INPUT_REJECTED", "not a JPEG photo")));

        assertThat(body.get("eventId").asLong()).isEqualTo(42);
        assertThat(body.get("type").asText()).isEqualTo("request.failed");
        assertThat(body.get("occurredAt").asText()).isEqualTo("2025-03-04T05:01:30.123456Z");
        assertThat(body.get("requestId").asText()).isEqualTo(ID);
        assertThat(body.get("vendor").asText()).isEqualTo("acme");
        assertThat(body.get("concept").asText()).isEqualTo("sketch");
        assertThat(body.get("status").asText()).isEqualTo("FAILED");
        assertThat(body.get("shots").asInt()).isEqualTo(2);
        assertThat(body.get("refundEligible").asBoolean()).isTrue();
        assertThat(body.get("refundReason").asText()).isEqualTo("INPUT_REJECTED");
        assertThat(body.get("deadlineAt").asText()).isEqualTo("2025-03-04T05:02:00Z");
        assertThat(body.get("finishedAt").asText()).isEqualTo("2025-03-04T05:01:30.123456Z");
        assertThat(body.get("results").get(0).toString()).isEqualTo("{\"shot\":1,\"status\":\"DONE\"}");
        assertThat(body.get("results").get(1).toString()).isEqualTo(
                "{\"shot\":2,\"status\":\"FAILED\",\"reason\":\"INPUT_REJECTED\",\"error\":\"not a JPEG photo\"}");
        assertThat(body.toString()).doesNotContain("url", "http");
    }

    @Test
    void aDoneRequestInTimeIsNotRefundEligible() throws Exception {
        JsonNode body = body(List.of(row("done", "DONE", null, 1, "DONE", null, null)));

        assertThat(body.get("type").asText()).isEqualTo("request.done");
        assertThat(body.get("refundEligible").asBoolean()).isFalse();
        assertThat(body.has("refundReason")).isFalse();
    }

    @Test
    void theSameRowsGiveTheSameBytesAtEveryAttempt() throws Exception {
        List<Map<String, Object>> rows = List.of(row("expired", "EXPIRED", "NOT_SUBMITTED", 1, "EXPIRED",
                "NOT_SUBMITTED", null));
        Exchange first = TestCatalogue.exchange();
        first.getMessage().setBody(rows);
        Exchange second = TestCatalogue.exchange();
        second.getMessage().setBody(rows);

        events.process(first);
        events.process(second);

        assertThat(first.getMessage().getBody(byte[].class)).isEqualTo(second.getMessage().getBody(byte[].class));
    }

    @Test
    void sendsNothingForADeliveryThatIsGone() {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setBody(List.of());

        assertThatThrownBy(() -> events.process(exchange)).isInstanceOf(IllegalStateException.class);
    }
}
