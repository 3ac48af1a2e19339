package io.photobooth.bench.model;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;

import io.photobooth.filter.ImageToImageTranslator;
import io.photobooth.filter.ModelSettings;

/**
 * Images per second of each filter model through DJL (the generator's translator and one
 * predictor, one photo per forward pass) against the same TorchScript file run by libtorch
 * directly, in a Python process ({@code bench/torch_throughput.py}) with the same number of
 * threads. The two alternate round by round, so both see the same machine. Prints a Markdown table
 * of the medians and their ratio; docs/benchmarks.md explains how to run it.
 */
public final class ModelThroughput {

    private ModelThroughput() {
    }

    /** One model's images per second per round, through DJL and through libtorch directly. */
    public record Result(String model, double[] djl, double[] libtorch) {

        public double djlMedian() {
            return BatchThroughput.median(djl);
        }

        public double libtorchMedian() {
            return BatchThroughput.median(libtorch);
        }

        public double ratio() {
            return djlMedian() / libtorchMedian();
        }
    }

    /**
     * Arguments: the libtorch runner command (for example {@code python3 bench/torch_throughput.py}),
     * threads, width, height, photos per round, warm-up rounds, rounds, then one or more model folders.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        List<String> runner = List.of(args[0].split(" "));
        int threads = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        int height = Integer.parseInt(args[3]);
        int photos = Integer.parseInt(args[4]);
        int warmUps = Integer.parseInt(args[5]);
        int rounds = Integer.parseInt(args[6]);
        List<Result> results = new ArrayList<>();
        for (String model : Arrays.copyOfRange(args, 7, args.length)) {
            results.add(measure(runner, Path.of(model), threads, width, height, photos, warmUps, rounds));
        }
        System.out.printf("%dx%d, %d threads, %d photos a round, %d warm-up rounds, %d rounds, %d CPU cores%n%n",
                width, height, threads, photos, warmUps, rounds, Runtime.getRuntime().availableProcessors());
        System.out.print(table(results));
    }

    /**
     * Sets DJL's libtorch to {@code threads} intra-op threads. It must run before the PyTorch engine
     * loads, once per JVM: a later call with another count has no effect.
     */
    static void useThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    public static Result measure(List<String> runner, Path modelDir, int threads, int width, int height,
            int photos, int warmUps, int rounds) throws Exception {
        useThreads(threads);
        List<BufferedImage> batch = BatchThroughput.photos(photos, width, height);
        double[] djl = new double[rounds];
        double[] libtorch = new double[rounds];
        Criteria<NDList, NDList> criteria = BatchThroughput.rawModel(modelDir);
        List<String> command = new ArrayList<>(runner);
        command.addAll(List.of(modelDir.resolve(modelDir.getFileName() + ".pt").toString(),
                Integer.toString(width), Integer.toString(height), Integer.toString(threads)));
        Process python = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<BufferedImage, BufferedImage> predictor = model.newPredictor(
                        new ImageToImageTranslator(ModelSettings.read(model::getProperty)));
                Writer toPython = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8);
                BufferedReader fromPython = new BufferedReader(
                        new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            for (int round = -warmUps; round < rounds; round++) {
                long start = System.nanoTime();
                for (BufferedImage photo : batch) {
                    predictor.predict(photo);
                }
                double djlSeconds = (System.nanoTime() - start) / 1e9;
                toPython.write(photos + "\n");
                toPython.flush();
                String answer = fromPython.readLine();
                if (answer == null) {
                    throw new IOException("the libtorch runner ended without answering: " + command);
                }
                if (round >= 0) {
                    djl[round] = photos / djlSeconds;
                    libtorch[round] = photos / Double.parseDouble(answer.trim());
                }
            }
        } finally {
            python.destroy();
        }
        return new Result(modelDir.getFileName().toString(), djl, libtorch);
    }

    /** The results as a Markdown table, one row per model. */
    public static String table(List<Result> results) {
        StringBuilder table = new StringBuilder()
                .append("| model | DJL images/s (median) | libtorch directly images/s (median) | DJL / libtorch |\n")
                .append("|---|--:|--:|--:|\n");
        for (Result result : results) {
            table.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f |%n", result.model(),
                    result.djlMedian(), result.libtorchMedian(), result.ratio()));
        }
        return table.toString();
    }
}
