package io.photobooth.bench.e2e;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figures 3 and 5, waiting kiosks and memory: how many main requests one proxy holds at once, with
 * its heap limited (e.g. {@code -Xmx512m}), and the resident memory of each role at idle and under
 * that load. Runs the {@link ServiceStack.Topology#SPLIT split} stack, so that the proxy, the generator
 * and the embedded servers are three JVMs.
 *
 * <p>For each step of N: N kiosks pay and upload (not timed), then all N send their main request,
 * all at once or {@code rate} a second, while the generator is frozen ({@code SIGSTOP}): every request waits its whole
 * {@code conversion-timeout} and must answer 202. It counts the answers that were not 202 or never
 * came (errors), the most requests held at the same time (from the kiosks' send and answer times),
 * and samples, every 500 ms, the proxy's heap in use ({@code jvm_memory_used_bytes{area="heap"}}) and
 * every JVM's resident memory. Steps go on until one has errors or the proxy dies: the ceiling. After
 * the first step, the generator is thawed and converts that step's backlog for {@code drain}
 * seconds: its resident memory under load.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.photobooth.bench.e2e.WaitingKiosks \
 *      steps=1000,2000,4000 heap=512m timeout=45 rate=200 drain=30
 * </pre>
 */
public final class WaitingKiosks {

    public record Memory(String role, long idleKiB, long peakKiB) {
    }

    public record Step(int kiosks, int answered202, int errors, int maxHeld, double sendSeconds, double answerSecondsMax,
                       long proxyHeapPeakBytes, long proxyHeapIdleBytes, long proxyLiveHeapHeldBytes, long proxyRssPeakKiB,
                       String firstError, boolean proxyAlive) {
    }

    /**
     * @param cpuMsPerConversion each JVM's CPU time (with its child processes) per conversion, over the
     *                           warm-up's conversions made one after the other by one kiosk
     * @param histogram the classes of the proxy's live heap that grew most from idle to the first step's kiosks held
     */
    public record Result(List<Step> steps, Map<String, Long> idleRssKiB, Map<String, Long> peakRssKiB,
                         long generatorDrainPeakKiB, int drained, double drainSeconds, Map<String, Double> cpuMsPerConversion,
                         List<String> histogram) {
    }

    private WaitingKiosks() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path work = Files.createTempDirectory(args.path("work", "bench/target"), "waiting-");
        Duration timeout = args.seconds("timeout", 60);
        List<String> proxyJvm = new ArrayList<>(List.of("-Xmx" + args.string("heap", "512m")));
        if (!args.string("jvm", "").isBlank()) {
            proxyJvm.addAll(List.of(args.string("jvm", "").split(" "))); // e.g. a flight recording of the proxy
        }
        ServiceStack.Options options = ServiceStack.Options.of(ServiceStack.Topology.SPLIT, args.path("repo", "."), work)
                .withProxyJvm(proxyJvm.toArray(String[]::new))
                .withProxyArgs("--photobooth.kiosk.conversion-timeout=PT" + timeout.toSeconds() + "S");
        System.out.printf("starting the service (proxy, generator, servers) in %s%n", work);
        try (ServiceStack stack = ServiceStack.start(options)) {
            Result result = run(stack, args.integers("steps", "1000,2000,4000,8000"), timeout, args.seconds("drain", 30),
                    args.integer("prepare", 32), args.integer("rate", 0), 50, System.out);
            print(result, args.string("heap", "512m"), timeout, System.out);
        }
    }

    /**
     * @param rate    main requests sent a second in a step; 0: all at once
     * @param warmups conversions made one after the other before the steps (more than 10; the first 10 are not
     *                counted in the CPU per conversion)
     */
    public static Result run(ServiceStack stack, List<Integer> steps, Duration timeout, Duration drain, int prepareParallelism,
                             int rate, int warmups, PrintStream log) throws Exception {
        byte[] photo = TestPhoto.jpeg();
        KioskClient kiosk = new KioskClient(stack.proxy().url("/"), ServiceStack.API_KEY, timeout.plusSeconds(120));
        // conversions one after the other, so that every path has run, then idle; their CPU per role
        Map<String, Long> cpuBefore = new TreeMap<>();
        for (int i = 0; i < warmups; i++) {
            if (i == 10) {
                stack.processes().forEach(p -> cpuBefore.put(p.name(), p.treeCpuNanos()));
            }
            KioskClient.Paid paid = kiosk.preRequest(ServiceStack.CONCEPT);
            kiosk.upload(paid, photo);
            KioskClient.Answer answer = kiosk.convert(paid);
            if (answer.status() != 200) {
                throw new IllegalStateException("a warm-up conversion answered " + answer.status() + ": " + answer.body());
            }
        }
        Map<String, Double> cpuPerConversion = new TreeMap<>();
        stack.processes().forEach(p -> cpuPerConversion.put(p.name(),
                (p.treeCpuNanos() - cpuBefore.get(p.name())) / 1e6 / (warmups - 10)));
        log.printf("CPU ms per conversion, one kiosk: %s%n", cpuPerConversion);
        Thread.sleep(5000);
        Map<String, Long> idle = new TreeMap<>();
        stack.processes().forEach(p -> idle.put(p.name(), p.treeRssKiB()));
        List<String> idleHistogram = new ArrayList<>();
        long heapIdle = liveHeap(stack.proxy(), idleHistogram);
        log.printf("idle: resident KiB %s, proxy live heap (after a full GC) %d MiB%n", idle, heapIdle >> 20);

        Map<String, Long> peak = new TreeMap<>(idle);
        List<String> firstHistogram = new ArrayList<>();
        List<Step> results = new ArrayList<>();
        long drainPeak = 0;
        int drained = 0;
        double drainSeconds = 0;
        stack.generator().pause();
        try {
            for (int index = 0; index < steps.size(); index++) {
                int n = steps.get(index);
                List<String> histogram = index == 0 ? firstHistogram : new ArrayList<>();
                Step step = step(stack, kiosk, photo, n, prepareParallelism, heapIdle, timeout, rate, histogram, peak, log);
                results.add(step);
                log.printf(Locale.ROOT, "%d kiosks: %d answered 202, %d errors, at most %d held at once, sent in %.1f s,"
                                + " heap peak %d MiB, proxy RSS peak %d MiB%s%n", n, step.answered202(), step.errors(),
                        step.maxHeld(), step.sendSeconds(), step.proxyHeapPeakBytes() >> 20, step.proxyRssPeakKiB() >> 10,
                        step.firstError() == null ? "" : ", first error: " + step.firstError());
                if (index == 0 && drain.toMillis() > 0) {
                    double before = completed(stack.generator(), true);
                    stack.generator().resume();
                    long start = System.nanoTime();
                    long end = start + drain.toNanos();
                    while (System.nanoTime() < end) {
                        drainPeak = Math.max(drainPeak, stack.generator().treeRssKiB());
                        Thread.sleep(500);
                    }
                    drained = (int) (completed(stack.generator(), false) - before);
                    drainSeconds = (System.nanoTime() - start) / 1e9;
                    peak.merge(stack.generator().name(), drainPeak, Math::max);
                    log.printf(Locale.ROOT, "generator converted %d of the backlog in %.0f s, RSS peak %d MiB%n", drained,
                            drainSeconds, drainPeak >> 10);
                    stack.generator().pause();
                }
                if (step.errors() > 0 || !step.proxyAlive()) {
                    break;
                }
            }
        } finally {
            stack.generator().resume();
        }
        return new Result(results, idle, peak, drainPeak, drained, drainSeconds, cpuPerConversion,
                growth(idleHistogram, firstHistogram));
    }

    private static double completed(ServiceProcess generator, boolean paused) throws Exception {
        if (paused) {
            generator.resume();
        }
        try {
            return ServiceProcess.sample(generator.scrape(), "photobooth_jobs_completed_total", "");
        } finally {
            if (paused) {
                generator.pause();
            }
        }
    }

    private static Step step(ServiceStack stack, KioskClient kiosk, byte[] photo, int n, int parallelism, long heapIdle,
                             Duration timeout, int rate, List<String> histogram, Map<String, Long> peak, PrintStream log)
            throws Exception {
        // pay and upload, not timed
        List<KioskClient.Paid> paid = new ArrayList<>(n);
        ConcurrentLinkedQueue<KioskClient.Paid> prepared = new ConcurrentLinkedQueue<>();
        Semaphore permits = new Semaphore(parallelism);
        AtomicInteger prepareErrors = new AtomicInteger();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                permits.acquire();
                executor.submit(() -> {
                    try {
                        KioskClient.Paid one = kiosk.preRequest(ServiceStack.CONCEPT);
                        kiosk.upload(one, photo);
                        prepared.add(one);
                    } catch (Exception e) {
                        prepareErrors.incrementAndGet();
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            }
        }
        paid.addAll(prepared);
        if (prepareErrors.get() > 0) {
            log.printf("%d of %d kiosks could not pay and upload%n", prepareErrors.get(), n);
        }

        // every main request at once
        long[] sent = new long[paid.size()];
        long[] answered = new long[paid.size()];
        int[] status = new int[paid.size()];
        String[] firstError = {null};
        AtomicBoolean sampling = new AtomicBoolean(true);
        long[] heapPeak = {0};
        long[] rssPeak = {0};
        long[] liveHeld = {0};
        long sendingFor = rate == 0 ? 0 : Duration.ofSeconds(1).toNanos() * paid.size() / rate;
        long liveAt = System.nanoTime() + sendingFor + (timeout.toNanos() - sendingFor) * 3 / 4;
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (sampling.get()) {
                if (liveHeld[0] == 0 && System.nanoTime() > liveAt) {
                    try {
                        liveHeld[0] = liveHeap(stack.proxy(), histogram);
                    } catch (Exception e) {
                        liveHeld[0] = -1;
                    }
                }
                try {
                    heapPeak[0] = Math.max(heapPeak[0], heapUsed(stack.proxy()));
                } catch (Exception ignored) {
                    // the proxy is too busy to answer this time
                }
                rssPeak[0] = Math.max(rssPeak[0], stack.proxy().treeRssKiB());
                stack.processes().forEach(p -> peak.merge(p.name(), p.treeRssKiB(), Math::max));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        long[] lastSent = {0};
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < paid.size(); i++) {
                int index = i;
                if (rate > 0) {
                    long at = start + Duration.ofSeconds(1).toNanos() * i / rate;
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                }
                executor.submit(() -> {
                    try {
                        KioskClient.Answer answer = kiosk.convert(paid.get(index));
                        sent[index] = answer.sentNanos();
                        answered[index] = answer.answeredNanos();
                        status[index] = answer.status();
                        if (answer.status() != 202) {
                            synchronized (firstError) {
                                if (firstError[0] == null) {
                                    firstError[0] = answer.status() + " " + answer.body();
                                }
                            }
                        }
                    } catch (Exception e) {
                        status[index] = -1;
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = e.toString();
                            }
                        }
                    }
                    return null;
                });
            }
        }
        sampling.set(false);
        sampler.join();
        int ok = (int) Arrays.stream(status).filter(s -> s == 202).count();
        int errors = n - ok;
        long lastSend = Arrays.stream(sent).max().orElse(start);
        long lastAnswer = Arrays.stream(answered).max().orElse(start);
        return new Step(n, ok, errors, maxHeld(sent, answered, status), (lastSend - start) / 1e9,
                (lastAnswer - start) / 1e9, heapPeak[0], heapIdle, liveHeld[0], rssPeak[0], firstError[0],
                stack.proxy().isAlive());
    }

    /** The most requests that were sent and not yet answered at one instant. */
    static int maxHeld(long[] sent, long[] answered, int[] status) {
        List<long[]> events = new ArrayList<>();
        for (int i = 0; i < sent.length; i++) {
            if (status[i] > 0) {
                events.add(new long[] {sent[i], 1});
                events.add(new long[] {answered[i], -1});
            }
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int held = 0;
        int max = 0;
        for (long[] event : events) {
            held += (int) event[1];
            max = Math.max(max, held);
        }
        return max;
    }

    /**
     * The heap in use after a full collection: what the live objects take. {@code jcmd <pid>
     * GC.class_histogram} collects first; its 20 largest classes go into {@code histogram}.
     */
    private static long liveHeap(ServiceProcess proxy, List<String> histogram) throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(proxy.pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd GC.class_histogram answered " + process.exitValue());
        }
        histogram.clear();
        lines.stream().filter(line -> line.matches("\\s*\\d+:.*")).forEach(histogram::add);
        return heapUsed(proxy);
    }

    /** The classes whose bytes grew most from the idle histogram to the held one: "class: +bytes (+instances)". */
    static List<String> growth(List<String> idle, List<String> held) {
        Map<String, long[]> before = parse(idle);
        Map<String, long[]> after = parse(held);
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(12)
                .map(e -> String.format(Locale.ROOT, "%s: %+d bytes (%+d instances)", e.getKey(), e.getValue()[1], e.getValue()[0]))
                .toList();
    }

    private static Map<String, long[]> parse(List<String> histogram) {
        Map<String, long[]> classes = new TreeMap<>();
        for (String line : histogram) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4) {
                classes.put(fields[3], new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
            }
        }
        return classes;
    }

    private static long heapUsed(ServiceProcess proxy) throws IOException, InterruptedException {
        return (long) ServiceProcess.sample(proxy.scrape(), "jvm_memory_used_bytes", "area=\"heap\"");
    }

    public static void print(Result result, String heap, Duration timeout, PrintStream out) {
        out.printf("%nwaiting kiosks on one proxy (-Xmx%s, conversion-timeout %d s, generator frozen); proxy live heap"
                + " at idle %d MiB%n", heap, timeout.toSeconds(), result.steps().isEmpty() ? 0
                : result.steps().get(0).proxyHeapIdleBytes() >> 20);
        out.println("| kiosks | answered 202 | errors | most held at once | last answer after s"
                + " | proxy heap in use, peak MiB | live heap while held MiB | live heap per held kiosk KiB | proxy RSS peak MiB |");
        out.println("|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (Step step : result.steps()) {
            out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.1f | %d | %d | %.1f | %d |%s%n", step.kiosks(), step.answered202(),
                    step.errors(), step.maxHeld(), step.answerSecondsMax(), step.proxyHeapPeakBytes() >> 20,
                    step.proxyLiveHeapHeldBytes() >> 20,
                    step.maxHeld() == 0 || step.proxyLiveHeapHeldBytes() <= 0 ? Double.NaN
                            : (step.proxyLiveHeapHeldBytes() - step.proxyHeapIdleBytes()) / 1024.0 / step.maxHeld(),
                    step.proxyRssPeakKiB() >> 10, step.firstError() == null ? "" : " first error: " + step.firstError());
        }
        out.println("\nresident memory (VmRSS; the servers' JVM with its Redis and PostgreSQL processes)");
        out.println("| JVM | idle MiB | peak under the steps MiB |");
        out.println("|---|--:|--:|");
        result.idleRssKiB().forEach((role, idle) -> out.printf(Locale.ROOT, "| %s | %d | %d |%n", role, idle >> 10,
                result.peakRssKiB().getOrDefault(role, idle) >> 10));
        out.printf(Locale.ROOT, "generator converting the first step's backlog: %d conversions in %.0f s, RSS peak %d MiB%n",
                result.drained(), result.drainSeconds(), result.generatorDrainPeakKiB() >> 10);
        out.println("CPU ms per conversion (one kiosk, conversions one after the other, each JVM with its child processes): "
                + result.cpuMsPerConversion());
        out.println("the proxy's live heap, what grew most from idle to the first step's kiosks held (jcmd GC.class_histogram):");
        result.histogram().forEach(out::println);
    }
}
