package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filters trained by {@code training/train_filters.py}: each loads in DJL (libtorch 2.7.1),
 * reproduces the output PyTorch 2.11 gave for its reference tensor, is deterministic, keeps the
 * photo's size and changes it the way it should, by a simple statistic on a grainy face-like
 * fixture: {@code toon} flattens the colours, {@code sketch} draws grey lines on light paper,
 * {@code watercolor} washes out the fine detail.
 */
class TrainedModelsTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    private static final Shape REFERENCE_SHAPE = new Shape(1, 3, 24, 32);
    private static final PhotoDecoder DECODER = new PhotoDecoder(15_728_640, 24_000_000);
    private static final InferenceOptions SINGLE = new InferenceOptions(1, 1, Duration.ZERO, Device.cpu());

    @ParameterizedTest
    @ValueSource(strings = {"sketch", "toon", "watercolor"})
    void reproducesPyTorchsOutputOfItsReferenceTensor(String concept) throws Exception {
        Path folder = Path.of("../models", concept);
        float[] input = floats(folder.resolve("reference/input-1x3x24x32.f32"));
        float[] expected = floats(folder.resolve("reference/output-1x3x24x32.f32"));
        try (ZooModel<NDList, NDList> model = Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(folder)
                        .optEngine("PyTorch")
                        .optTranslator(new NoopTranslator())
                        .build()
                        .loadModel();
                NDManager manager = model.getNDManager().newSubManager();
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray output = predictor.predict(new NDList(manager.create(input, REFERENCE_SHAPE))).singletonOrThrow();

            assertThat(output.getShape()).isEqualTo(REFERENCE_SHAPE);
            float[] actual = output.toFloatArray();
            double maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            }
            assertThat(maxDiff).as("%s: DJL against PyTorch", concept).isLessThanOrEqualTo(1e-5);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sketch", "toon", "watercolor"})
    void filtersAPhotoDeterministicallyAtItsSizeAndChangesIt(String concept) {
        BufferedImage photo = photo(80, 60);
        try (ImageFilter filter = ImageFilter.load(Path.of("../models", concept), DECODER, SINGLE)) {
            BufferedImage first = filter.apply(photo);
            BufferedImage second = filter.apply(photo);

            assertThat(first.getWidth()).isEqualTo(80);
            assertThat(first.getHeight()).isEqualTo(60);
            assertThat(pixels(first)).as("deterministic").isEqualTo(pixels(second));
            assertThat(meanDifference(photo, first)).as("%s changed the photo", concept).isGreaterThan(10);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"toon"})
    void toonFlattensTheColours(String concept) {
        BufferedImage photo = noisyPortrait();
        BufferedImage toon = apply(concept, photo);

        assertThat(distinctColours(toon, 32)).as("colours in 32 levels per channel")
                .isLessThan(distinctColours(photo, 32) / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sketch"})
    void sketchDrawsGreyLinesOnLightPaper(String concept) {
        BufferedImage photo = noisyPortrait();
        BufferedImage sketch = apply(concept, photo);

        double chroma = 0;
        for (int rgb : pixels(sketch)) {
            int r = (rgb >> 16) & 0xFF;
            int g = (rgb >> 8) & 0xFF;
            int b = rgb & 0xFF;
            chroma += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
        }
        assertThat(chroma / (sketch.getWidth() * sketch.getHeight())).as("mean chroma").isLessThan(8);
        assertThat(meanLuma(sketch)).as("paper: mean brightness").isGreaterThan(Math.max(170, meanLuma(photo)));
        assertThat(darkShare(sketch)).as("share of pencil strokes darker than half grey").isBetween(0.01, 0.25);
    }

    @ParameterizedTest
    @ValueSource(strings = {"watercolor"})
    void watercolorWashesOutTheFineDetail(String concept) {
        BufferedImage photo = noisyPortrait();
        BufferedImage watercolor = apply(concept, photo);

        assertThat(fineDetail(watercolor)).as("mean difference of neighbouring pixels")
                .isLessThan(fineDetail(photo) / 2);
    }

    private static BufferedImage apply(String concept, BufferedImage photo) {
        try (ImageFilter filter = ImageFilter.load(Path.of("../models", concept), DECODER, SINGLE)) {
            return filter.apply(photo);
        }
    }

    /** A face-like fixture with grain: skin, hair, a shirt, and noise of +-24 on every channel. */
    private static BufferedImage noisyPortrait() {
        BufferedImage image = photo(128, 96);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(222, 178, 150));
        graphics.fillOval(44, 14, 40, 50);
        graphics.setColor(new Color(70, 40, 20));
        graphics.fillArc(40, 8, 48, 30, 0, 180);
        graphics.setColor(new Color(30, 90, 170));
        graphics.fillRect(30, 66, 68, 30);
        graphics.dispose();
        Random grain = new Random(3);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = clamp(((rgb >> 16) & 0xFF) + grain.nextInt(49) - 24);
                int g = clamp(((rgb >> 8) & 0xFF) + grain.nextInt(49) - 24);
                int b = clamp((rgb & 0xFF) + grain.nextInt(49) - 24);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private static long distinctColours(BufferedImage image, int levels) {
        int step = 256 / levels;
        return Arrays.stream(pixels(image))
                .map(rgb -> (((rgb >> 16) & 0xFF) / step) << 16 | (((rgb >> 8) & 0xFF) / step) << 8 | (rgb & 0xFF) / step)
                .distinct().count();
    }

    private static double meanLuma(BufferedImage image) {
        return Arrays.stream(pixels(image)).mapToDouble(TrainedModelsTest::luma).average().orElseThrow();
    }

    private static double darkShare(BufferedImage image) {
        int[] p = pixels(image);
        return (double) Arrays.stream(p).filter(rgb -> luma(rgb) < 128).count() / p.length;
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }

    private static double fineDetail(BufferedImage image) {
        int[] p = pixels(image);
        int width = image.getWidth();
        long total = 0;
        long count = 0;
        for (int i = 0; i < p.length; i++) {
            if ((i + 1) % width != 0) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    total += Math.abs(((p[i] >> shift) & 0xFF) - ((p[i + 1] >> shift) & 0xFF));
                }
                count += 3;
            }
        }
        return (double) total / count;
    }

    private static float[] floats(Path file) throws Exception {
        FloatBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] floats = new float[buffer.remaining()];
        buffer.get(floats);
        return floats;
    }

    private static BufferedImage photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** The mean absolute difference of the two images' channels, 0..255. */
    private static double meanDifference(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        long total = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                total += Math.abs(((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF));
            }
        }
        return total / (3.0 * pa.length);
    }
}
