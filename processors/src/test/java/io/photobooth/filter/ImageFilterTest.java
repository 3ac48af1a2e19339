package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real sketch model through DJL's PyTorch engine, offline. The model is loaded once, raw (to
 * compare pixel for pixel) and as an {@link ImageFilter}; {@link TrainedModelsTest} compares every
 * shipped model with PyTorch's own output.
 */
class ImageFilterTest {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    static final Path MODEL_DIR = Path.of("../models/sketch");
    static final PhotoDecoder DECODER = new PhotoDecoder(15_728_640, 24_000_000);
    /** One photo a forward pass, without waiting. */
    static final InferenceOptions SINGLE = new InferenceOptions(2, 1, Duration.ZERO, Device.cpu());

    private static ZooModel<NDList, NDList> raw;
    private static ImageFilter filter;

    @BeforeAll
    static void loadModel() throws Exception {
        raw = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(MODEL_DIR)
                .optEngine("PyTorch")
                .optTranslator(new NoopTranslator())
                .build()
                .loadModel();
        filter = ImageFilter.load(MODEL_DIR, DECODER, SINGLE);
    }

    @AfterAll
    static void closeModel() {
        if (filter != null) {
            filter.close();
        }
        if (raw != null) {
            raw.close();
        }
    }

    /** Runs the raw model on one float32 NCHW tensor. */
    private static float[] runRaw(float[] input, Shape shape, long[] outputShape) throws Exception {
        try (NDManager manager = raw.getNDManager().newSubManager();
                Predictor<NDList, NDList> predictor = raw.newPredictor()) {
            NDArray array = manager.create(input, shape);
            NDArray output = predictor.predict(new NDList(array)).singletonOrThrow();
            System.arraycopy(output.getShape().getShape(), 0, outputShape, 0, outputShape.length);
            return output.toFloatArray();
        }
    }

    /** A 64x48 gradient with a dark rectangle and a light circle: edges for a sketch filter to find. */
    static byte[] testJpeg() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, new Color(x * 4, y * 5, 255 - x * 2).getRGB());
            }
        }
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(20, 30, 40));
        graphics.fillRect(10, 8, 24, 16);
        graphics.setColor(new Color(250, 240, 200));
        graphics.fillOval(38, 20, 18, 18);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpeg", out)).isTrue();
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] bytes) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("a decodable image").isNotNull();
        return image;
    }

    @Test
    void shouldFilterJpegIntoJpegOfSameSize() throws Exception {
        byte[] input = testJpeg();

        byte[] output = filter.apply(input);

        assertThat(output).startsWith((byte) 0xFF, (byte) 0xD8);
        assertThat(ImageIO.getImageReaders(ImageIO.createImageInputStream(new ByteArrayInputStream(output))).next()
                .getFormatName()).isEqualToIgnoringCase("jpeg");
        BufferedImage in = decode(input);
        BufferedImage out = decode(output);
        assertThat(out.getWidth()).isEqualTo(64);
        assertThat(out.getHeight()).isEqualTo(48);
        long totalDiff = 0;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int a = in.getRGB(x, y);
                int b = out.getRGB(x, y);
                totalDiff += Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff))
                        + Math.abs((a & 0xff) - (b & 0xff));
            }
        }
        double meanDiff = totalDiff / (64.0 * 48 * 3);
        System.out.printf("sketch filter: mean abs pixel diff input vs output = %.2f%n", meanDiff);
        assertThat(meanDiff).as("mean absolute difference per channel").isGreaterThan(10);
    }

    @Test
    void shouldMatchRawModelPixelForPixel() throws Exception {
        BufferedImage image = decode(testJpeg());
        int width = image.getWidth();
        int height = image.getHeight();
        float[] nchw = new float[3 * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                nchw[y * width + x] = (rgb >> 16 & 0xff) / 255f;
                nchw[height * width + y * width + x] = (rgb >> 8 & 0xff) / 255f;
                nchw[2 * height * width + y * width + x] = (rgb & 0xff) / 255f;
            }
        }
        float[] expected = runRaw(nchw, new Shape(1, 3, height, width), new long[4]);

        BufferedImage filtered = filter.apply(image);

        assertThat(filtered.getWidth()).isEqualTo(width);
        assertThat(filtered.getHeight()).isEqualTo(height);
        int maxDiff = 0;
        int differing = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = filtered.getRGB(x, y);
                int[] actual = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    float value = expected[c * height * width + y * width + x];
                    int rounded = Math.max(0, Math.min(255, Math.round(value * 255f)));
                    int diff = Math.abs(actual[c] - rounded);
                    maxDiff = Math.max(maxDiff, diff);
                    differing += diff == 0 ? 0 : 1;
                }
            }
        }
        System.out.printf("sketch translator: %d of %d channel values differ from rounding the raw output, by <= %d%n",
                differing, 3 * width * height, maxDiff);
        assertThat(maxDiff).as("largest 8-bit difference to the raw model's output").isLessThanOrEqualTo(1);
        assertThat(differing).as("channel values not rounded like the raw model's output")
                .isLessThanOrEqualTo(3 * width * height / 100);
    }

    /** A photo (at most 64 wide) with a gradient and a rectangle that change with {@code seed}. */
    private static BufferedImage photo(int seed, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, new Color((x * 4 + seed * 40) % 256, (y * 5 + seed * 70) % 256, 255 - x * 2)
                        .getRGB());
            }
        }
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(20 + seed * 30, 30, 40));
        graphics.fillRect(5 + seed * 6, 8, 20, 16);
        graphics.dispose();
        return image;
    }

    private static int maxDifference(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs((p >> shift & 0xff) - (q >> shift & 0xff)));
                }
            }
        }
        return max;
    }

    /** Calls {@code filter} from one thread per photo at once. */
    private static List<BufferedImage> concurrently(ImageFilter filter, List<BufferedImage> photos) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(photos.size());
        try {
            List<Future<BufferedImage>> outputs = new ArrayList<>();
            for (BufferedImage photo : photos) {
                outputs.add(callers.submit(() -> filter.apply(photo)));
            }
            List<BufferedImage> images = new ArrayList<>();
            for (Future<BufferedImage> output : outputs) {
                images.add(output.get(60, TimeUnit.SECONDS));
            }
            return images;
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shouldGiveTheSamePixelsInOneBatchAsOneByOne() throws Exception {
        List<BufferedImage> photos = List.of(photo(0, 64, 48), photo(1, 64, 48), photo(2, 64, 48));
        Duration maxWait = Duration.ofSeconds(30);

        try (ImageFilter batching = ImageFilter.load(MODEL_DIR, DECODER,
                new InferenceOptions(1, 3, maxWait, Device.cpu()))) {
            long start = System.nanoTime();
            List<BufferedImage> batched = concurrently(batching, photos);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the batch of 3 ran once full").isLessThan(maxWait);
            for (int i = 0; i < photos.size(); i++) {
                int difference = maxDifference(batched.get(i), filter.apply(photos.get(i)));
                System.out.printf("sketch batch of 3: photo %d differs from its single inference by <= %d%n", i, difference);
                assertThat(difference).as("8-bit difference of photo %d, batched vs alone", i).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void shouldRunPhotosOfDifferentSizesInSeparateBatches() throws Exception {
        List<BufferedImage> photos = List.of(photo(0, 64, 48), photo(1, 32, 24), photo(2, 64, 48), photo(3, 32, 24));

        try (ImageFilter batching = ImageFilter.load(MODEL_DIR, DECODER,
                new InferenceOptions(2, 2, Duration.ofSeconds(30), Device.cpu()))) {
            List<BufferedImage> outputs = concurrently(batching, photos);

            for (int i = 0; i < photos.size(); i++) {
                assertThat(maxDifference(outputs.get(i), filter.apply(photos.get(i)))).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void shouldFilterDeterministically() throws Exception {
        byte[] input = testJpeg();

        assertThat(filter.apply(input)).isEqualTo(filter.apply(input));
    }

    @Test
    void shouldAcceptPng() throws Exception {
        BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_ARGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);

        BufferedImage out = decode(filter.apply(png.toByteArray()));

        assertThat(out.getWidth()).isEqualTo(20);
        assertThat(out.getHeight()).isEqualTo(10);
    }

    @Test
    void shouldRefuseBytesThatAreNoImage() {
        assertThatThrownBy(() -> filter.apply("definitely not a jpeg".getBytes()))
                .isInstanceOf(UnusablePhotoException.class);
        assertThatThrownBy(() -> filter.apply(new byte[0])).isInstanceOf(UnusablePhotoException.class);
        assertThatThrownBy(() -> filter.apply((byte[]) null)).isInstanceOf(UnusablePhotoException.class);
    }

    @Test
    void shouldRefuseTruncatedJpeg() throws Exception {
        byte[] jpeg = testJpeg();
        byte[] truncated = java.util.Arrays.copyOf(jpeg, 20);

        assertThatThrownBy(() -> filter.apply(truncated)).isInstanceOf(UnusablePhotoException.class);
    }

    @Test
    void shouldRefuseMissingModelFolder() {
        assertThatThrownBy(() -> ImageFilter.load(Path.of("../models/nope"), DECODER, SINGLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no model folder");
    }

    @Test
    void shouldBeNamedAfterModel() {
        assertThat(filter.name()).isEqualTo("sketch");
    }
}
