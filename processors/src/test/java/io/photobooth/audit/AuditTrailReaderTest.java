package io.photobooth.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.photobooth.audit.AuditTrail.Change;
import io.photobooth.contract.RefundReason;
import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class AuditTrailReaderTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private static Map<String, Object> row(Integer shot, String status, String reason, String actor, int second) {
        Map<String, Object> row = new HashMap<>();
        row.put("shot", shot);
        row.put("status", status);
        row.put("reason", reason);
        row.put("actor", actor);
        row.put("changed_at", status == null ? null : Timestamp.from(AT.plusSeconds(second)));
        return row;
    }

    private static Exchange rows(List<Map<String, Object>> rows) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setBody(rows);
        return exchange;
    }

    @Test
    void shouldListTheChangesInOrderWithTheirActors() {
        Exchange exchange = rows(List.of(
                row(null, "PRE_REQUESTED", null, "proxy:p-1", 0),
                row(null, "QUEUED", null, "proxy:p-2", 20),
                row(1, "PROCESSING", null, "generator:i-0abc", 21),
                row(1, "FAILED", "INPUT_REJECTED", "generator:i-0abc", 22),
                row(null, "FAILED", "INPUT_REJECTED", "proxy:p-1", 22)));

        new AuditTrailReader().process(exchange);

        assertThat(exchange.getMessage().getBody(AuditTrail.class)).isEqualTo(new AuditTrail(ID, List.of(
                new Change(AT, null, "PRE_REQUESTED", null, "proxy:p-1"),
                new Change(AT.plusSeconds(20), null, "QUEUED", null, "proxy:p-2"),
                new Change(AT.plusSeconds(21), 1, "PROCESSING", null, "generator:i-0abc"),
                new Change(AT.plusSeconds(22), 1, "FAILED", RefundReason.INPUT_REJECTED, "generator:i-0abc"),
                new Change(AT.plusSeconds(22), null, "FAILED", RefundReason.INPUT_REJECTED, "proxy:p-1"))));
    }

    @Test
    void shouldAnswerAnEmptyTrailForARequestWithoutRecordedChanges() {
        Exchange exchange = rows(List.of(row(null, null, null, null, 0)));

        new AuditTrailReader().process(exchange);

        assertThat(exchange.getMessage().getBody(AuditTrail.class).changes()).isEmpty();
    }

    @Test
    void shouldRefuseARequestThatIsNotTheCallers() {
        assertThatThrownBy(() -> new AuditTrailReader().process(rows(List.of())))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_REQUEST));
    }
}
