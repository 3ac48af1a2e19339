package io.photobooth.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/usage}: the vendor's usage from {@code from} to {@code to} (UTC
 * days, both inclusive), one row per day and concept with requests (days without any are left out),
 * ordered by day then concept, and the totals of the whole range.
 */
public record Usage(String vendor, LocalDate from, LocalDate to, List<UsageRow> rows, UsageCounts totals) {
}
