package io.photobooth.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.usage.UsageQuery.UsageRange;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns the rows of the usage statement (one per UTC day and concept, in that order) into the
 * {@link Usage} of the caller's vendor over the range {@link UsageQuery} read, with its totals.
 */
public class UsageReport implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = in.getBody(List.class);
        UsageRange range = exchange.getProperty(UsageQuery.RANGE, UsageRange.class);
        in.setBody(usage(in.getHeader(KioskHeaders.VENDOR, String.class), range, rows));
    }

    static Usage usage(String vendor, UsageRange range, List<Map<String, Object>> rows) {
        List<UsageRow> usageRows = rows.stream().map(UsageReport::row).toList();
        UsageCounts totals = usageRows.stream().map(UsageRow::counts).reduce(UsageCounts.NONE, UsageCounts::plus);
        return new Usage(vendor, range.from(), range.to(), usageRows, totals);
    }

    static UsageRow row(Map<String, Object> row) {
        return new UsageRow(LocalDate.parse((String) row.get("day")), (String) row.get("concept"),
                new UsageCounts(count(row, "requests"), count(row, "shots"), count(row, "converted_shots"),
                        count(row, "done"), count(row, "failed"), count(row, "expired"), count(row, "pending"),
                        BigDecimal.valueOf(count(row, "gpu_millis"), 3), count(row, "refund_eligible")));
    }

    private static long count(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
