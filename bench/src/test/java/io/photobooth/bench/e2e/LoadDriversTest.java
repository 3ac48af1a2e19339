package io.photobooth.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The load drivers still run, each on a tiny setting against one split stack (proxy, generator and
 * servers as three JVMs of the packaged jar, which the reactor builds before this module). It checks
 * that they produce sane output, never how fast anything is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadDriversTest {

    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private ServiceStack stack;

    @BeforeAll
    void startStack() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory(Files.createDirectories(repo.resolve("bench/target")), "load-drivers-test-");
        stack = ServiceStack.start(ServiceStack.Options.of(ServiceStack.Topology.SPLIT, repo, work)
                .withProxyJvm("-Xmx512m")
                // C1 only: the JVMs start in about two thirds of the time; nothing here is timed
                .withEveryJvm("-XX:TieredStopAtLevel=1")
                .withQuickStop()
                .withProxyArgs("--photobooth.kiosk.conversion-timeout=PT3S"));
    }

    @AfterAll
    void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void integrationOverheadMeasuresConversionsAndTheFloor() throws Exception {
        IntegrationOverhead.Result result = IntegrationOverhead.run(stack, List.of(1, 2), 1, Duration.ofSeconds(1),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ZERO, 10, QUIET);

        assertThat(result.floor().count()).isEqualTo(10);
        assertThat(result.floorHops()).containsOnlyKeys(Floor.HOPS);
        assertThat(result.floor().percentileMs(50)).isPositive();
        assertThat(result.levels()).extracting(IntegrationOverhead.Level::kiosks).containsExactly(1, 2);
        for (IntegrationOverhead.Level level : result.levels()) {
            assertThat(level.ok()).isPositive();
            assertThat(level.errors()).isZero();
            assertThat(level.inference().meanMs()).isPositive();
            assertThat(level.endToEnd().percentileMs(50)).isGreaterThan(level.overhead().percentileMs(50));
        }
        assertThat(printed(out -> IntegrationOverhead.print(result, stack.topology(), out)))
                .contains("| s3 head |", "| 1 |", "| 2 |");
    }

    @Test
    void completionNoticeComparesPubSubWithPolling() throws Exception {
        List<CompletionNotice.Mode> modes = CompletionNotice.run(stack, List.of("none", "pubsub", "db-100", "s3-100"), 4,
                Duration.ZERO, Duration.ofSeconds(1), 1, QUIET);

        assertThat(modes).extracting(CompletionNotice.Mode::name).containsExactly("none", "pubsub", "db-100", "s3-100");
        for (CompletionNotice.Mode mode : modes) {
            assertThat(mode.missed()).as(mode.name()).isZero();
            assertThat(mode.waiterCpuSeconds()).as(mode.name()).isNotNegative();
        }
        assertThat(modes.get(0).noticed()).isZero();
        assertThat(modes.subList(1, 4)).allSatisfy(mode -> assertThat(mode.noticed()).as(mode.name()).isPositive());
        // a poll every 100 ms notices later than the subscription, on any machine: it sleeps between reads
        assertThat(modes.get(2).delay().meanMs()).isGreaterThan(modes.get(1).delay().meanMs());
        assertThat(printed(out -> CompletionNotice.print(modes, 4, out))).contains("| pubsub |", "| db-100 |");
    }

    @Test
    void waitingKiosksAreHeldUntilTheTimeoutAndAnswered202() throws Exception {
        WaitingKiosks.Result result = WaitingKiosks.run(stack, List.of(20), Duration.ofSeconds(3), Duration.ofSeconds(2), 8,
                0, 12, QUIET);

        WaitingKiosks.Step step = result.steps().getFirst();
        assertThat(step.answered202()).isEqualTo(20);
        assertThat(step.errors()).isZero();
        assertThat(step.maxHeld()).isEqualTo(20);
        assertThat(step.proxyHeapPeakBytes()).isPositive();
        assertThat(result.idleRssKiB()).containsOnlyKeys("infra", "generator", "proxy");
        assertThat(result.idleRssKiB().values()).allSatisfy(kib -> assertThat(kib).isPositive());
        assertThat(result.drained()).isPositive();
        assertThat(result.cpuMsPerConversion()).containsOnlyKeys("infra", "generator", "proxy");
        assertThat(result.histogram()).isNotEmpty();
        assertThat(printed(out -> WaitingKiosks.print(result, "512m", Duration.ofSeconds(3), out))).contains("| 20 | 20 | 0 |");
    }

    private interface Printer {
        void print(PrintStream out);
    }

    private static String printed(Printer printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            printer.print(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
