package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import io.photobooth.filter.HostileUploads.Upload;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link PhotoDecoder} fuzzed with {@link HostileUploads}: every upload either decodes into an RGB
 * photo within the limits or is refused with {@link UnusablePhotoException} and a reason in plain
 * words; never another exception, an {@link Error} or a hang. A header that declares more pixels
 * than allowed is refused before its pixels are allocated: the bytes the decoding thread allocates
 * ({@code ThreadMXBean#getThreadAllocatedBytes}) stay within a small multiple of the upload, and
 * for any other upload within a bound per declared pixel.
 *
 * <p>The default run tries 3,000 uploads from a fixed seed; the reliability run ({@code -Preliability})
 * 100,000 from a fresh one, or from {@code -Dphotobooth.fuzz.seed}. A failure names the seed and the
 * upload's number, and keeps its bytes under {@code target/fuzzed-uploads/}. Each run prints its
 * seed, counts, refusal reasons, time and largest allocation by kind.
 */
class PhotoDecoderFuzzTest {

    /** {@code photobooth.generator.max-photo-bytes} and {@code max-photo-pixels} of application.yaml. */
    private static final long MAX_BYTES = 15_728_640;
    private static final long MAX_PIXELS = 24_000_000;
    /** Longer than any decode within the limits takes on a slow machine: past it, a decode hangs. */
    private static final Duration HANG = Duration.ofSeconds(20);
    /**
     * What a decode may allocate: the reader's buffers and tables, a copy of the upload in the
     * reader's cache, and per declared pixel the stored image, the upright RGB copy and the
     * per-pixel objects of {@code getRGB} on a 16-bit image.
     */
    private static final long FIXED_BYTES = 2L << 20;
    private static final long BYTES_PER_UPLOAD_BYTE = 16;
    private static final long BYTES_PER_PIXEL = 64;
    /** The JDK's PNG reader allocates an 8 KiB buffer for each chunk of image data it reads. */
    private static final long BYTES_PER_PNG_CHUNK = 10_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final PhotoDecoder decoder = new PhotoDecoder(MAX_BYTES, MAX_PIXELS);
    private final Tally tally = new Tally();
    private ExecutorService worker;

    @BeforeEach
    void startWorker() {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).as("allocation per thread is measured").isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        worker = Executors.newSingleThreadExecutor(task -> new Thread(task, "fuzzed-decode"));
    }

    @AfterEach
    void report() {
        worker.shutdownNow();
        System.out.println(tally.summary());
    }

    @Test
    void shouldDecodeOrRefuseEveryUpload() throws Exception {
        decodeOrRefuse(20261126L, 3_000);
    }

    @Test
    @Tag("reliability")
    void shouldDecodeOrRefuseAHundredThousandUploads() throws Exception {
        decodeOrRefuse(Long.getLong("photobooth.fuzz.seed", System.nanoTime()), 100_000);
    }

    private void decodeOrRefuse(long seed, int uploads) throws Exception {
        tally.seed = seed;
        Random random = new Random(seed);
        for (int number = 1; number <= uploads; number++) {
            Upload upload = HostileUploads.next(random);
            try {
                decodeOrRefuse(upload);
            } catch (AssertionError e) {
                throw new AssertionError("upload " + number + " of seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    /** The outcome of one decode on the worker thread, with what it cost. */
    record Outcome(BufferedImage image, Throwable thrown, long allocatedBytes, long nanos) {
    }

    private void decodeOrRefuse(Upload upload) throws Exception {
        Outcome outcome = decode(upload);
        long declared = declaredPixels(upload.bytes());
        tally.add(upload, outcome, declared);
        try {
            check(upload, outcome, declared);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe upload is kept in " + keep(upload), e);
        }
    }

    /** Keeps a failing upload's bytes under {@code target/}, to decode it again by hand. */
    private static Path keep(Upload upload) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "fuzzed-uploads"));
        byte[] bytes = upload.bytes() == null ? new byte[0] : upload.bytes();
        return Files.write(folder.resolve(upload.kind().replace(' ', '-') + "-" + Arrays.hashCode(bytes) + ".bin"),
                bytes).toAbsolutePath();
    }

    private static void check(Upload upload, Outcome outcome, long declared) {

        if (outcome.thrown() != null) {
            assertThat(outcome.thrown()).as("what %s threw", upload).isInstanceOf(UnusablePhotoException.class);
            assertThat(outcome.thrown().getMessage()).as("the reason for %s", upload).isNotBlank()
                    .doesNotContain("Exception", "java.", "javax.", "\tat ");
        } else {
            BufferedImage image = outcome.image();
            assertThat(image.getType()).as("the type decoded from %s", upload).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat((long) image.getWidth() * image.getHeight()).as("the pixels decoded from %s", upload)
                    .isPositive().isLessThanOrEqualTo(MAX_PIXELS);
            assertThat(Math.max(image.getWidth(), image.getHeight())).as("the longest side decoded from %s", upload)
                    .isLessThanOrEqualTo(PhotoDecoder.MAX_SIDE);
        }
        long length = upload.bytes() == null ? 0 : upload.bytes().length;
        long uploadBound = FIXED_BYTES + BYTES_PER_UPLOAD_BYTE * length
                + BYTES_PER_PNG_CHUNK * Math.min(pngChunks(upload.bytes()), PhotoDecoder.MAX_CHUNKS);
        if (declared > MAX_PIXELS) {
            assertThat(outcome.thrown()).as("%s declaring %,d pixels", upload, declared)
                    .isInstanceOf(UnusablePhotoException.class);
            assertThat(outcome.allocatedBytes()).as("bytes allocated refusing %s, declaring %,d pixels", upload, declared)
                    .isLessThanOrEqualTo(uploadBound);
        }
        assertThat(outcome.allocatedBytes()).as("bytes allocated decoding %s, declaring %,d pixels", upload, declared)
                .isLessThanOrEqualTo(uploadBound + BYTES_PER_PIXEL * Math.min(Math.max(declared, 0), MAX_PIXELS));
    }

    private Outcome decode(Upload upload) throws InterruptedException {
        Future<Outcome> decoding = worker.submit(() -> {
            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            BufferedImage image = null;
            Throwable thrown = null;
            try {
                image = decoder.decode(upload.bytes());
            } catch (Throwable t) {
                thrown = t;
            }
            long nanos = System.nanoTime() - start;
            return new Outcome(image, thrown, THREADS.getCurrentThreadAllocatedBytes() - allocated, nanos);
        });
        try {
            return decoding.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.shutdownNow();
            worker = Executors.newSingleThreadExecutor(task -> new Thread(task, "fuzzed-decode"));
            throw new AssertionError("the decode of " + upload + " hangs: no outcome within " + HANG, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the decode of " + upload + " could not run", e.getCause());
        }
    }

    /** The chunks of a PNG, walked by their lengths as far as they go; 0 for anything else. */
    static int pngChunks(byte[] bytes) {
        if (bytes == null || bytes.length < 8 || bytes[0] != (byte) 0x89 || bytes[1] != 'P') {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int chunks = 0;
        for (long position = 8; position + 8 <= bytes.length && buffer.getInt((int) position) >= 0; chunks++) {
            position += 12L + buffer.getInt((int) position);
        }
        return chunks;
    }

    /**
     * The pixels the upload's header declares, as a JPEG or PNG reader reads them (as wide as 2^31
     * times as high in a PNG); 0 when there is no readable header.
     */
    static long declaredPixels(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return 0;
        }
        for (String format : new String[] {"jpeg", "png"}) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            ImageReader reader = readers.next();
            try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels != 0) {
                    return pixels;
                }
            } catch (IOException | RuntimeException unreadable) {
                // not this format, or no header
            } finally {
                reader.dispose();
            }
        }
        return 0;
    }

    /** Counts, reasons, times and allocations by kind of upload. */
    static final class Tally {

        private final long start = System.nanoTime();
        private long seed;
        private final Map<String, Kind> kinds = new TreeMap<>();
        private final Map<String, Integer> reasons = new TreeMap<>();
        private long largest = -1;
        private String largestUpload = "";
        private long largestRefusal = -1;
        private String largestRefusalUpload = "";
        private double mostPerPixel;
        private String mostPerPixelUpload = "";

        static final class Kind {
            int tries;
            int decoded;
            long nanos;
            long slowestNanos;
            long mostAllocated;
        }

        void add(Upload upload, Outcome outcome, long declared) {
            Kind kind = kinds.computeIfAbsent(upload.kind(), name -> new Kind());
            kind.tries++;
            kind.decoded += outcome.thrown() == null ? 1 : 0;
            kind.nanos += outcome.nanos();
            kind.slowestNanos = Math.max(kind.slowestNanos, outcome.nanos());
            kind.mostAllocated = Math.max(kind.mostAllocated, outcome.allocatedBytes());
            String reason = outcome.thrown() == null ? "(decoded)" : reason(outcome.thrown());
            reasons.merge(reason, 1, Integer::sum);
            if (outcome.allocatedBytes() > largest) {
                largest = outcome.allocatedBytes();
                largestUpload = upload + (declared > 0 ? String.format(Locale.ROOT, ", declaring %,d pixels", declared) : "");
            }
            if (declared >= 500_000 && declared <= MAX_PIXELS
                    && (double) outcome.allocatedBytes() / declared > mostPerPixel) {
                mostPerPixel = (double) outcome.allocatedBytes() / declared;
                mostPerPixelUpload = upload + String.format(Locale.ROOT, ", declaring %,d pixels", declared);
            }
            if (declared > MAX_PIXELS && outcome.allocatedBytes() > largestRefusal) {
                largestRefusal = outcome.allocatedBytes();
                largestRefusalUpload = upload + String.format(Locale.ROOT, ", declaring %,d pixels", declared);
            }
        }

        /** The reason with its numbers and the reader's own words left out: one line per kind of refusal. */
        private static String reason(Throwable thrown) {
            String message = String.valueOf(thrown.getMessage());
            if (!(thrown instanceof UnusablePhotoException)) {
                return thrown.getClass().getName() + ": " + message;
            }
            int detail = message.indexOf(" (");
            return (detail < 0 ? message : message.substring(0, detail)).replaceAll("-?\\d[\\d,]*", "N");
        }

        String summary() {
            int tries = kinds.values().stream().mapToInt(kind -> kind.tries).sum();
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "PhotoDecoder fuzz: %,d uploads of seed %d in %.1f s%n", tries, seed, (System.nanoTime() - start) / 1e9));
            out.append(String.format(Locale.ROOT, "%-34s %8s %8s %10s %10s %14s%n", "kind", "tries", "decoded",
                    "mean ms", "max ms", "max allocated"));
            kinds.forEach((name, kind) -> out.append(String.format(Locale.ROOT, "%-34s %,8d %,8d %10.2f %10.1f %,14d%n",
                    name, kind.tries, kind.decoded, kind.nanos / 1e6 / kind.tries, kind.slowestNanos / 1e6,
                    kind.mostAllocated)));
            out.append("outcomes:\n");
            reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .forEach(entry -> out.append(String.format(Locale.ROOT, "  %,8d  %s%n", entry.getValue(), entry.getKey())));
            out.append(String.format(Locale.ROOT, "largest allocation: %,d bytes, %s%n", largest, largestUpload));
            out.append(String.format(Locale.ROOT, "most bytes allocated per declared pixel (of half a megapixel or more): %.1f, %s%n",
                    mostPerPixel, mostPerPixelUpload));
            out.append(String.format(Locale.ROOT, "largest allocation refusing a declared-huge upload: %,d bytes, %s%n",
                    largestRefusal, largestRefusalUpload));
            return out.toString();
        }
    }
}
