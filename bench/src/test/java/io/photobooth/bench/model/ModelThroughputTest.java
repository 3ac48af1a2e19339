package io.photobooth.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.photobooth.bench.model.ModelThroughput.Result;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModelThroughput} on the real sketch model at a tiny size. The build machine need not have
 * PyTorch, so the libtorch side is a stand-in that speaks the runner's protocol (a count in, the
 * seconds out); {@code bench/torch_throughput.py} itself is only parsed here.
 */
class ModelThroughputTest {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    @Test
    void alternatesDjlAndTheLibtorchRunnerRoundByRound(@TempDir Path folder) throws Exception {
        Path runner = folder.resolve("runner.py");
        Files.writeString(runner, """
                import sys
                print(f"model {sys.argv[1]} {sys.argv[2]}x{sys.argv[3]} threads {sys.argv[4]}", file=sys.stderr)
                for line in sys.stdin:
                    print(0.5 * int(line), flush=True)
                """);

        Result result = ModelThroughput.measure(List.of("python3", runner.toString()), Path.of("../models/sketch"),
                1, 32, 24, 2, 1, 3);

        assertThat(result.model()).isEqualTo("sketch");
        assertThat(result.djl()).hasSize(3);
        assertThat(Arrays.stream(result.djl()).min().orElseThrow()).isPositive();
        assertThat(result.libtorch()).containsOnly(2.0);
        assertThat(result.ratio()).isEqualTo(result.djlMedian() / 2.0);
    }

    @Test
    void theLibtorchRunnerParses() throws Exception {
        Process compile = new ProcessBuilder("python3", "-c",
                "import ast, sys; ast.parse(open(sys.argv[1]).read())", "torch_throughput.py")
                .inheritIO().start();

        assertThat(compile.waitFor()).isZero();
    }

    @Test
    void printsOneRowPerModel() {
        String table = ModelThroughput.table(List.of(
                new Result("toon", new double[] {0.9, 1.0, 1.1}, new double[] {1.0, 1.0, 1.2})));

        assertThat(table.lines()).containsExactly(
                "| model | DJL images/s (median) | libtorch directly images/s (median) | DJL / libtorch |",
                "|---|--:|--:|--:|",
                "| toon | 1.000 | 1.000 | 1.00 |");
    }
}
