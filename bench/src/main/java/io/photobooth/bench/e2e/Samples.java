package io.photobooth.bench.e2e;

import java.util.Arrays;

/** Nanosecond samples and their percentiles (nearest rank over the sorted samples). */
public final class Samples {

    private long[] values = new long[1024];
    private int size;

    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    public synchronized void addAll(Samples other) {
        for (long value : other.sorted()) {
            add(value);
        }
    }

    public synchronized int count() {
        return size;
    }

    public synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    /** The {@code p}-th percentile (0 < p <= 100), in milliseconds; NaN without samples. */
    public double percentileMs(double p) {
        long[] sorted = sorted();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    public double meanMs() {
        long[] sorted = sorted();
        return sorted.length == 0 ? Double.NaN : Arrays.stream(sorted).average().orElseThrow() / 1e6;
    }

    public double maxMs() {
        long[] sorted = sorted();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }
}
