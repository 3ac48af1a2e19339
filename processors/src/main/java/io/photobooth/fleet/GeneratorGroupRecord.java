package io.photobooth.fleet;

import static io.photobooth.contract.RowValues.instant;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A generator group's row in the database, read with the database's own clock ({@code now}) so
 * that every proxy compares times on one clock. {@code version} changes with every change of
 * state or start request, never with activity.
 */
public record GeneratorGroupRecord(
        String key,
        GeneratorState state,
        long version,
        Instant lastActivityAt,
        Instant startRequestedAt,
        Instant stopRequestedAt,
        Instant now) {

    /** The rows of {@code generator_group} as camel-jdbc returns them. */
    public static List<GeneratorGroupRecord> fromRows(List<Map<String, Object>> rows) {
        return rows.stream().map(GeneratorGroupRecord::fromRow).toList();
    }

    static GeneratorGroupRecord fromRow(Map<String, Object> row) {
        return new GeneratorGroupRecord(
                (String) row.get("group_key"),
                GeneratorState.valueOf((String) row.get("state")),
                ((Number) row.get("version")).longValue(),
                instant(row.get("last_activity_at")),
                instant(row.get("start_requested_at")),
                instant(row.get("stop_requested_at")),
                instant(row.get("db_now")));
    }


    /** True when there was activity (a pre-request or an enqueue) after the stop was asked for. */
    public boolean activeSinceStopRequest() {
        return stopRequestedAt != null && lastActivityAt.isAfter(stopRequestedAt);
    }
}
