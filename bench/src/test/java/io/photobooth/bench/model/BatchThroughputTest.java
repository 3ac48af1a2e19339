package io.photobooth.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.photobooth.bench.model.BatchThroughput.Result;

import org.junit.jupiter.api.Test;

/** {@link BatchThroughput} on the real sketch model at a tiny size: it measures both batch sizes and prints a table. */
class BatchThroughputTest {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    @Test
    void shouldMeasureBatchOneAndTheMaxBatchSideBySide() throws Exception {
        List<Result> results = BatchThroughput.measure(Path.of("../models/sketch"), 64, 48, 3, 1, 2);

        assertThat(results).extracting(Result::batch).containsExactly(1, 3);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.imagesPerSecond()).hasSize(2);
            assertThat(result.min()).isPositive();
            assertThat(result.min()).isLessThanOrEqualTo(result.median());
            assertThat(result.median()).isLessThanOrEqualTo(result.max());
        });
    }

    @Test
    void shouldPrintTheResultsAsAMarkdownTable() {
        String table = BatchThroughput.table(List.of(new Result(1, new double[] {10, 12, 11}),
                new Result(4, new double[] {20, 24, 22})));

        assertThat(table.lines()).containsExactly(
                "| photos per forward pass | images/s min | images/s median | images/s max | median vs batch 1 |",
                "|--:|--:|--:|--:|--:|",
                "| 1 | 10.00 | 11.00 | 12.00 | 1.00x |",
                "| 4 | 20.00 | 22.00 | 24.00 | 2.00x |");
    }
}
