package io.photobooth.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 1, integration overhead: the main request's end-to-end time as a kiosk sees it, less the
 * model's own inference time (the generator's {@code photobooth.inference} timer: decode, identity
 * model, encode), at several numbers of concurrent kiosks; and, side by side in the same run, the
 * floor ({@link Floor}): the same hops made directly with the SDK and Lettuce in one thread.
 *
 * <p>Each kiosk loops without pause: pre-request, presigned upload of a 30 KB JPEG, main request
 * (timed). Each round runs the floor, then every kiosk count for a warm-up and a measured window;
 * rounds repeat, so that the floor and the loads alternate on the same machine. A main request is
 * counted when it was sent inside a measured window. The inference time subtracted from each is the
 * mean of that window's {@code photobooth.inference} (its {@code _sum} and {@code _count} deltas).
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.photobooth.bench.e2e.IntegrationOverhead \
 *      kiosks=1,16,64 rounds=2 warmup=5 seconds=20 floor=250 topology=single
 * </pre>
 */
public final class IntegrationOverhead {

    /** One kiosk count, over every round. */
    public record Level(int kiosks, Samples endToEnd, Samples overhead, Samples inference, int ok, int timedOut,
                        int errors, double measuredSeconds, double serviceCpuSeconds, double proxyCpuSeconds,
                        double generatorCpuSeconds) {

        double perSecond() {
            return ok / measuredSeconds;
        }
    }

    public record Result(List<Level> levels, Samples floor, Map<String, Samples> floorHops) {
    }

    private IntegrationOverhead() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path work = Files.createTempDirectory(args.path("work", "bench/target").toAbsolutePath(), "overhead-");
        ServiceStack.Options options = ServiceStack.Options.of(args.topology("single"), args.path("repo", "."), work);
        System.out.printf("starting the service (%s) in %s%n", options.topology(), work);
        try (ServiceStack stack = ServiceStack.start(options)) {
            Result result = run(stack, args.integers("kiosks", "1,16,64"), args.integer("rounds", 2),
                    args.seconds("warmup", 5), args.seconds("seconds", 20), args.integer("floor", 250), System.out);
            print(result, stack.topology(), System.out);
        }
    }

    public static Result run(ServiceStack stack, List<Integer> kioskCounts, int rounds, Duration warmup, Duration window,
                             int floorIterations, PrintStream log) throws Exception {
        byte[] photo = TestPhoto.jpeg();
        KioskClient kiosk = new KioskClient(stack.proxy().url("/"), ServiceStack.API_KEY, Duration.ofSeconds(90));
        prime(kiosk, photo);
        Map<Integer, List<Block>> blocks = new LinkedHashMap<>();
        try (Clients clients = new Clients(stack); Floor floor = new Floor(clients, photo)) {
            floor.run(Math.max(10, floorIterations / 10)); // warm-up of the floor's own clients, not kept
            floor.reset();
            Floor kept = floor;
            for (int round = 1; round <= rounds; round++) {
                kept.run(floorIterations);
                log.printf(Locale.ROOT, "round %d: floor p50 %.2f ms over %d%n", round, kept.total().percentileMs(50),
                        kept.total().count());
                for (int kiosks : kioskCounts) {
                    Block block = block(stack, kiosk, photo, kiosks, warmup, window);
                    blocks.computeIfAbsent(kiosks, k -> new ArrayList<>()).add(block);
                    log.printf(Locale.ROOT, "round %d: %d kiosks: %d answered 200 (%d 202, %d errors), e2e p50 %.2f ms,"
                                    + " inference mean %.2f ms%n", round, kiosks, block.ok, block.timedOut, block.errors,
                            block.endToEnd.percentileMs(50), block.inferenceMeanNanos / 1e6);
                }
            }
            List<Level> levels = new ArrayList<>();
            blocks.forEach((kiosks, list) -> levels.add(level(kiosks, list)));
            return new Result(levels, kept.total(), kept.hops());
        }
    }

    /** Runs conversions until one answers 200: the in-process generator has booted and every path is warm. */
    private static void prime(KioskClient kiosk, byte[] photo) throws Exception {
        for (int i = 0; i < 20; i++) {
            KioskClient.Paid paid = kiosk.preRequest(ServiceStack.CONCEPT);
            kiosk.upload(paid, photo);
            KioskClient.Answer answer = kiosk.convert(paid);
            if (answer.status() != 200 && answer.status() != 202) {
                throw new IllegalStateException("main request answered " + answer.status() + ": " + answer.body());
            }
        }
    }

    private static final class Block {
        final Samples endToEnd = new Samples();
        final AtomicInteger okCount = new AtomicInteger();
        final AtomicInteger timedOutCount = new AtomicInteger();
        final AtomicInteger errorCount = new AtomicInteger();
        int ok;
        int timedOut;
        int errors;
        double inferenceMeanNanos;
        double seconds;
        double serviceCpu;
        double proxyCpu;
        double generatorCpu;
    }

    private static Block block(ServiceStack stack, KioskClient kiosk, byte[] photo, int kiosks, Duration warmup,
                               Duration window) throws Exception {
        Block block = new Block();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + window.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < kiosks; k++) {
            threads.add(Thread.ofVirtual().name("kiosk-" + k).start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        KioskClient.Paid paid = kiosk.preRequest(ServiceStack.CONCEPT);
                        kiosk.upload(paid, photo);
                        KioskClient.Answer answer = kiosk.convert(paid);
                        if (answer.sentNanos() < measureFrom) {
                            continue;
                        }
                        switch (answer.status()) {
                            case 200 -> {
                                block.endToEnd.add(answer.nanos());
                                block.okCount.incrementAndGet();
                            }
                            case 202 -> block.timedOutCount.incrementAndGet();
                            default -> block.errorCount.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (System.nanoTime() >= measureFrom) {
                            block.errorCount.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        sleepUntil(measureFrom);
        String before = stack.generator().scrape();
        long[] cpuBefore = cpu(stack);
        sleepUntil(end);
        long[] cpuAtEnd = cpu(stack);
        for (Thread thread : threads) {
            thread.join();
        }
        String after = stack.generator().scrape();
        double count = delta(before, after, "photobooth_inference_seconds_count");
        double sum = delta(before, after, "photobooth_inference_seconds_sum");
        block.inferenceMeanNanos = count == 0 ? 0 : sum / count * 1e9;
        block.ok = block.okCount.get();
        block.timedOut = block.timedOutCount.get();
        block.errors = block.errorCount.get();
        block.seconds = window.toNanos() / 1e9;
        block.serviceCpu = (cpuAtEnd[0] - cpuBefore[0]) / 1e9;
        block.proxyCpu = (cpuAtEnd[1] - cpuBefore[1]) / 1e9;
        block.generatorCpu = (cpuAtEnd[2] - cpuBefore[2]) / 1e9;
        return block;
    }

    /** CPU of every JVM of the stack with its children, of the proxy's JVM, and of the generator's JVM. */
    private static long[] cpu(ServiceStack stack) {
        long all = stack.processes().stream().mapToLong(ServiceProcess::treeCpuNanos).sum();
        return new long[] {all, stack.proxy().cpuNanos(), stack.generator().cpuNanos()};
    }

    private static double delta(String before, String after, String metric) {
        String label = "concept=\"" + ServiceStack.CONCEPT + "\"";
        return ServiceProcess.sample(after, metric, label) - ServiceProcess.sample(before, metric, label);
    }

    private static Level level(int kiosks, List<Block> blocks) {
        Samples endToEnd = new Samples();
        Samples overhead = new Samples();
        Samples inference = new Samples();
        int ok = 0;
        int timedOut = 0;
        int errors = 0;
        double seconds = 0;
        double serviceCpu = 0;
        double proxyCpu = 0;
        double generatorCpu = 0;
        for (Block block : blocks) {
            for (long e2e : block.endToEnd.sorted()) {
                endToEnd.add(e2e);
                overhead.add(e2e - Math.round(block.inferenceMeanNanos));
            }
            inference.add(Math.round(block.inferenceMeanNanos));
            ok += block.ok;
            timedOut += block.timedOut;
            errors += block.errors;
            seconds += block.seconds;
            serviceCpu += block.serviceCpu;
            proxyCpu += block.proxyCpu;
            generatorCpu += block.generatorCpu;
        }
        return new Level(kiosks, endToEnd, overhead, inference, ok, timedOut, errors, seconds, serviceCpu, proxyCpu,
                generatorCpu);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    public static void print(Result result, ServiceStack.Topology topology, PrintStream out) {
        double floor50 = result.floor().percentileMs(50);
        double floor99 = result.floor().percentileMs(99);
        out.printf(Locale.ROOT, "%nfloor: %d conversions' hops in one thread, p50 %.2f ms, p99 %.2f ms, mean %.2f ms%n",
                result.floor().count(), floor50, floor99, result.floor().meanMs());
        out.println("| hop | p50 ms | p99 ms |");
        out.println("|---|--:|--:|");
        result.floorHops().forEach((hop, samples) -> out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", hop,
                samples.percentileMs(50), samples.percentileMs(99)));
        out.printf("%nintegration overhead (%s topology): main request end to end less the mean inference time%n", topology);
        out.println("| kiosks | conversions (200) | per s | e2e p50 ms | e2e p99 ms | inference mean ms | overhead p50 ms"
                + " | overhead p99 ms | p50 / floor p50 | p99 / floor p99 | 202 | errors | service CPU ms per conversion"
                + " | proxy JVM | generator JVM |");
        out.println("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (Level level : result.levels()) {
            double overhead50 = level.overhead().percentileMs(50);
            double overhead99 = level.overhead().percentileMs(99);
            out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2fx | %.2fx | %d | %d | %.1f | %.1f | %.1f |%n",
                    level.kiosks(), level.ok(), level.perSecond(), level.endToEnd().percentileMs(50),
                    level.endToEnd().percentileMs(99), level.inference().meanMs(), overhead50, overhead99,
                    overhead50 / floor50, overhead99 / floor99, level.timedOut(), level.errors(),
                    perConversionMs(level.serviceCpuSeconds(), level.ok()),
                    perConversionMs(level.proxyCpuSeconds(), level.ok()),
                    perConversionMs(level.generatorCpuSeconds(), level.ok()));
        }
    }

    private static double perConversionMs(double cpuSeconds, int conversions) {
        return conversions == 0 ? Double.NaN : cpuSeconds * 1000 / conversions;
    }
}
