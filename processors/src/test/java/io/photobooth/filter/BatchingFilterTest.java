package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link BatchingFilter} with a forward pass that records its batches and answers each photo with itself. */
class BatchingFilterTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final List<List<BufferedImage>> batches = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    private BatchingFilter filter(int maxBatch, Duration maxWait) {
        return new BatchingFilter(maxBatch, maxWait, ModelSettings.NONE::inputSize, photos -> {
            batches.add(photos);
            return photos;
        });
    }

    private static BufferedImage photo(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** Calls the filter with each photo from its own thread, all at once, and gives the outputs in order. */
    private List<BufferedImage> concurrently(Function<BufferedImage, BufferedImage> filter, List<BufferedImage> photos)
            throws Exception {
        List<Future<BufferedImage>> outputs = new ArrayList<>();
        for (BufferedImage photo : photos) {
            outputs.add(callers.submit(() -> filter.apply(photo)));
        }
        List<BufferedImage> images = new ArrayList<>();
        for (Future<BufferedImage> output : outputs) {
            images.add(output.get(60, TimeUnit.SECONDS));
        }
        return images;
    }

    @Test
    void shouldRunConcurrentCallsOfOneSizeAsOneBatchOnceFull() throws Exception {
        BatchingFilter filter = filter(3, LONG);
        List<BufferedImage> photos = List.of(photo(64, 48), photo(64, 48), photo(64, 48));

        long start = System.nanoTime();
        List<BufferedImage> outputs = concurrently(filter::apply, photos);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait once full").isLessThan(LONG);
        assertThat(batches).hasSize(1);
        assertThat(batches.getFirst()).containsExactlyInAnyOrderElementsOf(photos);
        for (int i = 0; i < photos.size(); i++) {
            assertThat(outputs.get(i)).as("each call gets the output of its own photo").isSameAs(photos.get(i));
        }
    }

    @Test
    void shouldNotMixPhotosOfDifferentSizesInOneBatch() throws Exception {
        BatchingFilter filter = filter(2, LONG);
        List<BufferedImage> photos = List.of(photo(64, 48), photo(32, 24), photo(64, 48), photo(32, 24));

        List<BufferedImage> outputs = concurrently(filter::apply, photos);

        assertThat(outputs).containsExactlyElementsOf(photos);
        assertThat(batches).hasSize(2).allSatisfy(batch -> {
            assertThat(batch).hasSize(2);
            assertThat(batch).extracting(BufferedImage::getWidth).containsOnly(batch.getFirst().getWidth());
        });
    }

    @Test
    void shouldRunALoneCallOnceMaxBatchWaitHasPassed() {
        Duration maxWait = Duration.ofMillis(200);
        BatchingFilter filter = filter(4, maxWait);
        BufferedImage photo = photo(64, 48);

        long start = System.nanoTime();
        BufferedImage output = filter.apply(photo);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(output).isSameAs(photo);
        assertThat(batches).containsExactly(List.of(photo));
        assertThat(waited).isGreaterThanOrEqualTo(maxWait).isLessThan(maxWait.plusSeconds(2));
    }

    @Test
    void shouldNotWaitWhenBatchesHoldOnePhoto() {
        BatchingFilter filter = filter(1, LONG);

        long start = System.nanoTime();
        filter.apply(photo(64, 48));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldOpenANewBatchOnceOneIsFull() throws Exception {
        BatchingFilter filter = filter(2, LONG);
        List<BufferedImage> photos = List.of(photo(64, 48), photo(64, 48), photo(64, 48), photo(64, 48));

        concurrently(filter::apply, photos);

        assertThat(batches).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(2));
    }

    @Test
    void shouldFailEveryCallOfAFailedBatch() {
        IllegalStateException failure = new IllegalStateException("the model failed");
        BatchingFilter filter = new BatchingFilter(2, LONG, ModelSettings.NONE::inputSize, photos -> {
            throw failure;
        });
        Future<BufferedImage> first = callers.submit(() -> filter.apply(photo(64, 48)));
        Future<BufferedImage> second = callers.submit(() -> filter.apply(photo(64, 48)));

        for (Future<BufferedImage> call : List.of(first, second)) {
            assertThatThrownBy(() -> call.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isSameAs(failure);
        }
    }
}
