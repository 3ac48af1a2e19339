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
 * <p>Each kiosk loops: pre-request, presigned upload of a 59 KB JPEG, main request (timed); without
 * pause (closed loop), or one flow every {@code cycle} seconds. First, {@code prime} seconds of the
 * largest kiosk count in a closed loop, not measured, let the JIT compile the service's paths (a
 * paced window right after start-up measures the compiler, not the service). Each round runs the
 * floor, then every kiosk count for a warm-up and a measured window; rounds repeat, so that the floor and the loads alternate on the same machine. A main request is
 * counted when it was sent inside a measured window. The inference time subtracted from each is the
 * mean of that window's {@code photobooth.inference} (its {@code _sum} and {@code _count} deltas).
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.photobooth.bench.e2e.IntegrationOverhead \
 *      kiosks=1,16,64 rounds=2 prime=0 warmup=5 seconds=20 cycle=0 floor=250 topology=single
 * </pre>
 */
public final class IntegrationOverhead {

    /** One kiosk count, over every round. */
    public record Level(int kiosks, Samples endToEnd, Samples overhead, Samples inference, int ok, int timedOut,
                        int errors, double measuredSeconds, double serviceCpuSeconds, double proxyCpuSeconds,
                        double generatorCpuSeconds, Map<String, Samples> stages) {

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
        if (!args.string("jvm", "").isBlank()) {
            // e.g. jvm=-XX:StartFlightRecording=filename=proxy.jfr,settings=profile (the proxy's JVM; in single, the one JVM)
            options = options.withProxyJvm(args.string("jvm", "").split(" "));
        }
        System.out.printf("starting the service (%s) in %s%n", options.topology(), work);
        try (ServiceStack stack = ServiceStack.start(options)) {
            Result result = run(stack, args.integers("kiosks", "1,16,64"), args.integer("rounds", 2),
                    args.seconds("prime", 0), args.seconds("warmup", 5), args.seconds("seconds", 20), args.seconds("cycle", 0),
                    args.integer("floor", 250), System.out);
            print(result, stack.topology(), System.out);
        }
    }

    /**
     * @param cycle zero: each kiosk starts its next flow as soon as its main request is answered (closed
     *              loop); else each kiosk starts one flow every {@code cycle} (if the last one is done),
     *              from a random offset, so that N kiosks ask for at most N / cycle conversions a second
     */
    public static Result run(ServiceStack stack, List<Integer> kioskCounts, int rounds, Duration prime, Duration warmup,
                             Duration window, Duration cycle, int floorIterations, PrintStream log) throws Exception {
        byte[] photo = TestPhoto.jpeg();
        KioskClient kiosk = new KioskClient(stack.proxy().url("/"), ServiceStack.API_KEY, Duration.ofSeconds(90));
        prime(kiosk, photo);
        if (!prime.isZero()) {
            int most = kioskCounts.stream().mapToInt(Integer::intValue).max().orElseThrow();
            Block primed = block(stack, kiosk, photo, most, prime, Duration.ofSeconds(1), Duration.ZERO);
            log.printf(Locale.ROOT, "primed: %d kiosks in a closed loop for %d s, not kept%n", most, prime.toSeconds());
            if (primed.errors > 0) {
                throw new IllegalStateException(primed.errors + " main requests failed while priming");
            }
        }
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
                    Block block = block(stack, kiosk, photo, kiosks, warmup, window, cycle);
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

    /** Where a main request's time goes, from the kiosk's clock and the timestamps the service stored. */
    public static final List<String> STAGES = List.of(
            "sent to queued (proxy: checks, S3 list, claim)",
            "queued to started (SQS send, generator's receive)",
            "started to finished (generator: S3 get, conversion, S3 put)",
            "finished to recorded (Redis publish, subscriber, database)",
            "recorded to answered (wake, read, presign, HTTP)");

    private record Timeline(String requestId, java.time.Instant sentAt, java.time.Instant answeredAt) {
    }

    private static final class Block {
        final java.util.concurrent.ConcurrentLinkedQueue<Timeline> timelines = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final Map<String, Samples> stages = new LinkedHashMap<>();
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
                               Duration window, Duration cycle) throws Exception {
        Block block = new Block();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + window.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < kiosks; k++) {
            threads.add(Thread.ofVirtual().name("kiosk-" + k).start(() -> {
                long next = System.nanoTime()
                        + (cycle.isZero() ? 0 : java.util.concurrent.ThreadLocalRandom.current().nextLong(cycle.toNanos()));
                while (System.nanoTime() < end) {
                    try {
                        sleepUntil(next);
                        next += cycle.toNanos();
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
                                block.timelines.add(new Timeline(paid.requestId(), answer.sentAt(), answer.answeredAt()));
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
        stages(stack, block);
        return block;
    }

    /** Splits each measured request's time at the timestamps the service stored in PostgreSQL. */
    private static void stages(ServiceStack stack, Block block) throws java.sql.SQLException {
        STAGES.forEach(stage -> block.stages.put(stage, new Samples()));
        Map<String, Timeline> byId = new java.util.HashMap<>();
        block.timelines.forEach(t -> byId.put(t.requestId(), t));
        if (byId.isEmpty()) {
            return;
        }
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
             java.sql.PreparedStatement select = db.prepareStatement(
                     "select r.request_id::text, r.queued_at, s.started_at, s.finished_at, r.finished_at"
                             + " from conversion_request r join shot s using (request_id)"
                             + " where r.request_id = any (?::uuid[])")) {
            select.setArray(1, db.createArrayOf("text", byId.keySet().toArray()));
            try (java.sql.ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timeline t = byId.get(rows.getString(1));
                    java.time.Instant[] at = {t.sentAt(), instant(rows, 2), instant(rows, 3), instant(rows, 4),
                            instant(rows, 5), t.answeredAt()};
                    for (int i = 0; i < STAGES.size(); i++) {
                        if (at[i] != null && at[i + 1] != null) {
                            block.stages.get(STAGES.get(i)).add(java.time.Duration.between(at[i], at[i + 1]).toNanos());
                        }
                    }
                }
            }
        }
    }

    private static java.time.Instant instant(java.sql.ResultSet rows, int column) throws java.sql.SQLException {
        java.sql.Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
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
        Map<String, Samples> stages = new LinkedHashMap<>();
        STAGES.forEach(stage -> stages.put(stage, new Samples()));
        for (Block block : blocks) {
            block.stages.forEach((stage, samples) -> stages.get(stage).addAll(samples));
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
                generatorCpu, stages);
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
        printStages(result, out);
    }

    private static void printStages(Result result, PrintStream out) {
        out.println("\nwhere the main request's time goes: p50 (p99) ms of each stage, from the kiosk's clock and the"
                + " times the service stored (request queued_at, shot started_at and finished_at, request finished_at)");
        StringBuilder header = new StringBuilder("| stage |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Level level : result.levels()) {
            header.append(' ').append(level.kiosks()).append(" kiosks |");
            rule.append("--:|");
        }
        out.println(header);
        out.println(rule);
        for (String stage : STAGES) {
            StringBuilder row = new StringBuilder("| " + stage + " |");
            for (Level level : result.levels()) {
                Samples samples = level.stages().get(stage);
                row.append(String.format(Locale.ROOT, " %.1f (%.1f) |", samples.percentileMs(50), samples.percentileMs(99)));
            }
            out.println(row);
        }
    }

    private static double perConversionMs(double cpuSeconds, int conversions) {
        return conversions == 0 ? Double.NaN : cpuSeconds * 1000 / conversions;
    }
}
