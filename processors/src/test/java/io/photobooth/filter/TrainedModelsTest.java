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
 * photo's size and changes it.
 */
class TrainedModelsTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    private static final Shape REFERENCE_SHAPE = new Shape(1, 3, 24, 32);
    private static final PhotoDecoder DECODER = new PhotoDecoder(15_728_640, 24_000_000);
    private static final InferenceOptions SINGLE = new InferenceOptions(1, 1, Duration.ZERO, Device.cpu());

    @ParameterizedTest
    @ValueSource(strings = {"toon", "pencil", "watercolor"})
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
    @ValueSource(strings = {"toon", "pencil", "watercolor"})
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
