package io.photobooth.filter;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the concurrent calls of one model in batches. Calls whose photos make input tensors of the
 * same size join one open batch (stacked tensors must share H and W); it closes when it holds
 * {@code maxBatch} photos or when its first call has waited {@code maxWait}. The first call then
 * runs the whole batch through {@code forward} on its own thread, and every call of the batch gets
 * its own output, or the batch's failure.
 */
final class BatchingFilter {

    private final int maxBatch;
    private final Duration maxWait;
    private final Function<BufferedImage, Dimension> inputSize;
    private final Function<List<BufferedImage>, List<BufferedImage>> forward;
    private final Map<Dimension, Batch> open = new HashMap<>();

    BatchingFilter(int maxBatch, Duration maxWait, Function<BufferedImage, Dimension> inputSize,
            Function<List<BufferedImage>, List<BufferedImage>> forward) {
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.inputSize = inputSize;
        this.forward = forward;
    }

    BufferedImage apply(BufferedImage photo) {
        Dimension size = inputSize.apply(photo);
        Batch batch;
        int index;
        synchronized (open) {
            batch = open.computeIfAbsent(size, key -> new Batch());
            index = batch.photos.size();
            batch.photos.add(photo);
            if (batch.photos.size() == maxBatch) {
                open.remove(size);
                batch.full.countDown();
            }
        }
        if (index == 0) {
            run(size, batch);
        }
        try {
            return batch.outputs.join().get(index);
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Waits for the batch to fill or for {@code maxWait}, closes it and runs it. */
    private void run(Dimension size, Batch batch) {
        try {
            batch.full.await(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<BufferedImage> photos;
        synchronized (open) {
            open.remove(size, batch);
            photos = List.copyOf(batch.photos);
        }
        try {
            batch.outputs.complete(forward.apply(photos));
        } catch (RuntimeException | Error e) {
            batch.outputs.completeExceptionally(e);
        }
    }

    private static final class Batch {
        private final List<BufferedImage> photos = new ArrayList<>();
        private final CountDownLatch full = new CountDownLatch(1);
        private final CompletableFuture<List<BufferedImage>> outputs = new CompletableFuture<>();
    }
}
