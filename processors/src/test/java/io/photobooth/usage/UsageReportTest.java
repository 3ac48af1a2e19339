package io.photobooth.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.contract.Json;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.support.TestCatalogue;
import io.photobooth.usage.UsageQuery.UsageRange;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class UsageReportTest {

    private static final UsageRange MARCH = new UsageRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

    /** A row as the usage statement returns it from PostgreSQL: counts as Long, the GPU time as numeric. */
    private static Map<String, Object> row(String day, String concept, long requests, long shots, long converted,
            long done, long failed, long expired, long pending, long gpuMillis, long refundEligible) {
        return Map.ofEntries(Map.entry("day", day), Map.entry("concept", concept), Map.entry("requests", requests),
                Map.entry("shots", shots), Map.entry("converted_shots", converted), Map.entry("done", done),
                Map.entry("failed", failed), Map.entry("expired", expired), Map.entry("pending", pending),
                Map.entry("gpu_millis", BigDecimal.valueOf(gpuMillis)), Map.entry("refund_eligible", refundEligible));
    }

    @Test
    void shouldMapEachRowAndAddUpTheTotals() {
        Usage usage = UsageReport.usage("demo", MARCH, List.of(
                row("2026-03-01", "sketch", 4, 6, 4, 2, 1, 0, 1, 1234, 1),
                row("2026-03-02", "anime", 3, 3, 0, 0, 2, 1, 0, 0, 3)));

        assertThat(usage.vendor()).isEqualTo("demo");
        assertThat(usage.from()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(usage.rows()).extracting(UsageRow::day, UsageRow::concept).containsExactly(
                tuple(LocalDate.of(2026, 3, 1), "sketch"),
                tuple(LocalDate.of(2026, 3, 2), "anime"));
        UsageCounts first = usage.rows().getFirst().counts();
        assertThat(first).isEqualTo(new UsageCounts(4, 6, 4, 2, 1, 0, 1, new BigDecimal("1.234"), 1));
        assertThat(first.refundEligibleShare()).isEqualByComparingTo("0.3333");
        assertThat(usage.totals()).isEqualTo(new UsageCounts(7, 9, 4, 2, 3, 1, 1, new BigDecimal("1.234"), 4));
        assertThat(usage.totals().refundEligibleShare()).isEqualTo(new BigDecimal("0.6667"));
    }

    @Test
    void shouldGiveAShareOfZeroWhileNoRequestIsFinished() {
        UsageCounts pending = UsageReport.row(row("2026-03-01", "sketch", 2, 2, 0, 0, 0, 0, 2, 0, 0)).counts();

        assertThat(pending.refundEligibleShare()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(new UsageCounts(1, 1, 0, 0, 1, 0, 0, BigDecimal.ZERO, 1).refundEligibleShare())
                .isEqualTo(new BigDecimal("1.0000"));
    }

    @Test
    void shouldAnswerNoRowsWithZeroTotals() {
        Usage usage = UsageReport.usage("acme", MARCH, List.of());

        assertThat(usage.rows()).isEmpty();
        assertThat(usage.totals()).isEqualTo(UsageCounts.NONE);
    }

    @Test
    void shouldWriteTheDocumentedJson() throws Exception {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "demo");
        exchange.setProperty(UsageQuery.RANGE, MARCH);
        exchange.getMessage().setBody(List.of(row("2026-03-01", "sketch", 4, 6, 4, 2, 1, 0, 1, 1230, 1)));

        new UsageReport().process(exchange);
        String written = Json.mapper().writeValueAsString(exchange.getMessage().getBody());
        JsonNode json = Json.mapper().readTree(written);

        assertThat(json.get("vendor").asText()).isEqualTo("demo");
        assertThat(json.get("from").asText()).isEqualTo("2026-03-01");
        assertThat(json.get("to").asText()).isEqualTo("2026-03-31");
        JsonNode row = json.get("rows").get(0);
        assertThat(row.fieldNames()).toIterable().containsExactly("day", "concept", "requests", "shots",
                "convertedShots", "done", "failed", "expired", "pending", "gpuSeconds", "refundEligible",
                "refundEligibleShare");
        assertThat(row.get("day").asText()).isEqualTo("2026-03-01");
        assertThat(written).contains("\"gpuSeconds\":1.230,", "\"refundEligibleShare\":0.3333}");
        assertThat(json.get("totals").fieldNames()).toIterable().containsExactly("requests", "shots",
                "convertedShots", "done", "failed", "expired", "pending", "gpuSeconds", "refundEligible",
                "refundEligibleShare");
    }
}
