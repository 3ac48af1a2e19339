package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageToImageTranslator} around an identity model (a block that answers its input), on
 * DJL's PyTorch engine: what goes in comes back, so the translator's mapping is seen alone.
 */
class ImageToImageTranslatorTest {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private final List<Shape> inputShapes = new CopyOnWriteArrayList<>();
    private Model identity;

    @BeforeEach
    void identityModel() {
        identity = Model.newInstance("identity", Device.cpu(), InferenceOptions.ENGINE);
        identity.setBlock(new LambdaBlock(list -> {
            inputShapes.add(list.singletonOrThrow().getShape());
            return list;
        }));
    }

    @AfterEach
    void close() {
        identity.close();
    }

    private List<BufferedImage> run(ModelSettings settings, List<BufferedImage> photos) throws Exception {
        try (Predictor<BufferedImage, BufferedImage> predictor = identity.newPredictor(new ImageToImageTranslator(settings))) {
            return predictor.batchPredict(photos);
        }
    }

    private static BufferedImage gradient(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, new Color(x * 255 / width, y * 255 / height, 128).getRGB());
            }
        }
        return image;
    }

    private static int maxDifference(BufferedImage a, BufferedImage b) {
        int max = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    max = Math.max(max, Math.abs((a.getRGB(x, y) >> shift & 0xff) - (b.getRGB(x, y) >> shift & 0xff)));
                }
            }
        }
        return max;
    }

    @Test
    void shouldGiveBackEveryPixelOfABatchInOrder() throws Exception {
        List<BufferedImage> photos = List.of(gradient(64, 48), new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB));

        List<BufferedImage> outputs = run(ModelSettings.NONE, photos);

        assertThat(inputShapes).containsExactly(new Shape(2, 3, 48, 64));
        assertThat(maxDifference(outputs.get(0), photos.get(0))).isZero();
        assertThat(maxDifference(outputs.get(1), photos.get(1))).isZero();
    }

    @Test
    void shouldNormaliseTheInputAndMapASymmetricOutputBack() throws Exception {
        ModelSettings settings = ModelSettings.read(Map.of("mean", "0.5,0.5,0.5", "std", "0.5,0.5,0.5",
                "output.range", "-1,1")::get);
        BufferedImage photo = gradient(64, 48);

        BufferedImage output = run(settings, List.of(photo)).getFirst();

        assertThat(maxDifference(output, photo)).as("(x - 0.5) / 0.5 is in [-1, 1], mapped back").isLessThanOrEqualTo(1);
    }

    @Test
    void shouldResizePhotosToTheModelSizeAndTheOutputBack() throws Exception {
        ModelSettings settings = ModelSettings.read(Map.of("width", "32", "height", "32")::get);
        BufferedImage landscape = gradient(64, 48);
        BufferedImage portrait = gradient(48, 64);

        List<BufferedImage> outputs = run(settings, List.of(landscape, portrait));

        assertThat(inputShapes).as("photos of any size make one batch").containsExactly(new Shape(2, 3, 32, 32));
        assertThat(outputs.get(0).getWidth()).isEqualTo(64);
        assertThat(outputs.get(0).getHeight()).isEqualTo(48);
        assertThat(outputs.get(1).getWidth()).isEqualTo(48);
        assertThat(outputs.get(1).getHeight()).isEqualTo(64);
        assertThat(maxDifference(outputs.get(0), landscape)).as("a smooth gradient survives halving and doubling")
                .isLessThanOrEqualTo(24);
        assertThat(maxDifference(outputs.get(1), portrait)).isLessThanOrEqualTo(24);
    }
}
