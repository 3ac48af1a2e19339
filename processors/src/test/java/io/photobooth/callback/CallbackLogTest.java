package io.photobooth.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class CallbackLogTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Instant AT = Instant.parse("2025-03-04T05:01:30Z");

    private final CallbackLog log = new CallbackLog();

    private static Map<String, Object> row(Long eventId, String status, Integer attempt, Integer statusCode,
            String error) {
        Map<String, Object> row = new HashMap<>();
        row.put("event_id", eventId);
        row.put("type", eventId == null ? null : "done");
        row.put("delivery_status", status);
        row.put("attempts", eventId == null ? null : 2);
        row.put("next_attempt_at", eventId == null ? null : Timestamp.from(AT.plusSeconds(4)));
        row.put("delivered_at", "DELIVERED".equals(status) ? Timestamp.from(AT.plusSeconds(2)) : null);
        row.put("attempt", attempt);
        row.put("attempted_at", attempt == null ? null : Timestamp.from(AT.plusSeconds(attempt)));
        row.put("status_code", statusCode);
        row.put("error", error);
        row.put("duration_ms", attempt == null ? null : 12);
        return row;
    }

    private static Exchange rows(List<Map<String, Object>> rows) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setBody(rows);
        return exchange;
    }

    @Test
    void listsEachDeliveryWithItsAttempts() {
        Exchange exchange = rows(List.of(
                row(42L, "DELIVERED", 1, null, "ConnectException: Connection refused"),
                row(42L, "DELIVERED", 2, 200, null)));

        log.process(exchange);

        CallbackLog.Deliveries answer = exchange.getMessage().getBody(CallbackLog.Deliveries.class);
        assertThat(answer.requestId()).isEqualTo(ID);
        assertThat(answer.deliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.eventId()).isEqualTo(42L);
            assertThat(delivery.type()).isEqualTo("request.done");
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(delivery.nextAttemptAt()).as("only while pending").isNull();
            assertThat(delivery.deliveredAt()).isEqualTo(AT.plusSeconds(2));
            assertThat(delivery.attemptLog()).containsExactly(
                    new CallbackLog.Attempt(1, AT.plusSeconds(1), null, "ConnectException: Connection refused", 12),
                    new CallbackLog.Attempt(2, AT.plusSeconds(2), 200, null, 12));
        });
    }

    @Test
    void aPendingDeliveryShowsItsNextAttempt() {
        Exchange exchange = rows(List.of(row(42L, "PENDING", null, null, null)));

        log.process(exchange);

        CallbackLog.Delivery delivery = exchange.getMessage().getBody(CallbackLog.Deliveries.class).deliveries()
                .getFirst();
        assertThat(delivery.nextAttemptAt()).isEqualTo(AT.plusSeconds(4));
        assertThat(delivery.attemptLog()).isEmpty();
    }

    @Test
    void aRequestWithoutDeliveriesHasNone() {
        Exchange exchange = rows(List.of(row(null, null, null, null, null)));

        log.process(exchange);

        assertThat(exchange.getMessage().getBody(CallbackLog.Deliveries.class).deliveries()).isEmpty();
    }

    @Test
    void noRowsIsAnUnknownRequest() {
        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> log.process(rows(List.of())));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_REQUEST);
    }
}
