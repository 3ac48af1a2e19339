package io.photobooth.bench.model;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;

import io.photobooth.filter.ImageToImageTranslator;
import io.photobooth.filter.ModelSettings;

/**
 * Images per second of a filter model on this machine's CPU, one photo per forward pass against
 * {@code maxBatch} photos in one, through the generator's translator and one DJL predictor. Each
 * round converts {@code maxBatch} photos of {@code width} x {@code height} both ways, one after the
 * other; {@code warmUps} rounds are not counted, then {@code rounds} are. Prints a Markdown table
 * of the rounds' minimum, median and maximum; docs/benchmarks.md explains how to run it.
 */
public final class BatchThroughput {

    private BatchThroughput() {
    }

    /** The images per second of {@code rounds} rounds at one batch size. */
    public record Result(int batch, double[] imagesPerSecond) {

        public double min() {
            return Arrays.stream(imagesPerSecond).min().orElseThrow();
        }

        public double median() {
            return BatchThroughput.median(imagesPerSecond);
        }

        public double max() {
            return Arrays.stream(imagesPerSecond).max().orElseThrow();
        }
    }

    /** Arguments: model folder, width, height, max batch, warm-up rounds, rounds (models/sketch 1024 768 4 3 10). */
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        Path modelDir = Path.of(args.length > 0 ? args[0] : "models/sketch");
        int width = argument(args, 1, 1024);
        int height = argument(args, 2, 768);
        int maxBatch = argument(args, 3, 4);
        int warmUps = argument(args, 4, 3);
        int rounds = argument(args, 5, 10);
        List<Result> results = measure(modelDir, width, height, maxBatch, warmUps, rounds);
        System.out.printf("%s, %dx%d, %d photos a round, %d warm-up rounds, %d rounds, %d CPU cores%n%n",
                modelDir, width, height, maxBatch, warmUps, rounds, Runtime.getRuntime().availableProcessors());
        System.out.print(table(results));
    }

    private static int argument(String[] args, int index, int absent) {
        return args.length > index ? Integer.parseInt(args[index]) : absent;
    }

    /** Batch 1 and batch {@code maxBatch}, measured round by round in turn so that both see the same machine. */
    public static List<Result> measure(Path modelDir, int width, int height, int maxBatch, int warmUps, int rounds)
            throws IOException, ModelNotFoundException, MalformedModelException, TranslateException {
        Criteria<NDList, NDList> criteria = rawModel(modelDir);
        List<BufferedImage> photos = photos(maxBatch, width, height);
        double[] single = new double[rounds];
        double[] batched = new double[rounds];
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<BufferedImage, BufferedImage> predictor = model.newPredictor(
                        new ImageToImageTranslator(ModelSettings.read(model::getProperty)))) {
            for (int round = -warmUps; round < rounds; round++) {
                long start = System.nanoTime();
                for (BufferedImage photo : photos) {
                    predictor.predict(photo);
                }
                long middle = System.nanoTime();
                predictor.batchPredict(photos);
                long end = System.nanoTime();
                if (round >= 0) {
                    single[round] = maxBatch * 1e9 / (middle - start);
                    batched[round] = maxBatch * 1e9 / (end - middle);
                }
            }
        }
        return List.of(new Result(1, single), new Result(maxBatch, batched));
    }

    /** The model folder's TorchScript on DJL's PyTorch engine, tensors in and out. */
    static Criteria<NDList, NDList> rawModel(Path modelDir) {
        return Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelDir)
                .optEngine("PyTorch")
                .optTranslator(new NoopTranslator())
                .build();
    }

    /** Photos with gradients, shapes and noise, different from each other. */
    static List<BufferedImage> photos(int count, int width, int height) {
        Random random = new Random(42);
        List<BufferedImage> photos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage photo = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int noise = random.nextInt(16);
                    photo.setRGB(x, y, new Color((x * 255 / width + noise + i * 40) % 256,
                            (y * 255 / height + noise) % 256, (128 + noise) % 256).getRGB());
                }
            }
            Graphics2D graphics = photo.createGraphics();
            graphics.setColor(new Color(30, 30 + i * 50 % 200, 60));
            graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
            graphics.dispose();
            photos.add(photo);
        }
        return photos;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The results as a Markdown table, batch 1 first. */
    public static String table(List<Result> results) {
        double baseline = results.getFirst().median();
        StringBuilder table = new StringBuilder()
                .append("| photos per forward pass | images/s min | images/s median | images/s max | median vs batch 1 |\n")
                .append("|--:|--:|--:|--:|--:|\n");
        for (Result result : results) {
            table.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2fx |%n", result.batch(),
                    result.min(), result.median(), result.max(), result.median() / baseline));
        }
        return table.toString();
    }
}
