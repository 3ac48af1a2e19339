package io.photobooth.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM of the packaged service ({@code app/target/photobooth.jar}), started by a driver: its
 * health, its Prometheus meters, and what the kernel says it costs (resident memory and CPU time
 * from {@code /proc}, its own and its child processes', such as the embedded Redis and PostgreSQL).
 */
public final class ServiceProcess implements AutoCloseable {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final long TICK_NANOS = 10_000_000L;

    private final String name;
    private final Process process;
    private final Path log;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(String name, Process process, Path log, int httpPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** Starts {@code java <jvmArgs> -jar <jar> <args>} in {@code workDir}, its output to {@code log}. */
    public static ServiceProcess start(String name, Path jar, Path workDir, List<String> jvmArgs, List<String> args,
                                       int httpPort, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        command.add("--server.port=" + httpPort);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ServiceProcess(name, process, log, httpPort);
    }

    /** Waits until {@code /actuator/health} answers UP; fails with the log's tail if the JVM ended. */
    public void awaitUp(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with " + process.exitValue() + ":\n" + logTail(40));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(url("/actuator/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().startsWith("{\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not UP after " + timeout + ":\n" + logTail(40));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Resident memory of the JVM alone ({@code VmRSS}), in KiB. */
    public long rssKiB() {
        return rssKiB(process.pid());
    }

    /** Resident memory of the JVM and its child processes (embedded Redis, PostgreSQL), in KiB. */
    public long treeRssKiB() {
        return rssKiB(process.pid()) + process.descendants().mapToLong(child -> rssKiB(child.pid())).sum();
    }

    /** CPU time (user and system) the JVM has used so far, in nanoseconds. */
    public long cpuNanos() {
        return cpuNanos(process.pid());
    }

    /** CPU time of the JVM and its child processes, in nanoseconds. */
    public long treeCpuNanos() {
        return cpuNanos(process.pid()) + process.descendants().mapToLong(child -> cpuNanos(child.pid())).sum();
    }

    /** The Prometheus text of {@code /actuator/prometheus}. */
    public String scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url("/actuator/prometheus")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of the samples of {@code metric} whose labels contain {@code labelPart}. */
    public static double sample(String prometheus, String metric, String labelPart) {
        double sum = 0;
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                String labels = line.substring(metric.length(), line.lastIndexOf(' '));
                if (labels.contains(labelPart)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /** Freezes the JVM ({@code SIGSTOP}): its consumers stop reading their queues. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a paused JVM run again ({@code SIGCONT}). */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        int rc = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (rc != 0) {
            throw new IllegalStateException("kill " + signal + " " + process.pid() + " answered " + rc);
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the JVM as an operator would ({@code SIGTERM}, graceful), forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        close(true);
    }

    /** Stops the JVM, gracefully ({@code SIGTERM}) or at once ({@code SIGKILL}, for tests), and its children. */
    public void close(boolean graceful) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            resume();
        } catch (IOException | RuntimeException ignored) {
            // it was not paused, or is gone
        }
        List<ProcessHandle> children = process.descendants().toList();
        if (graceful) {
            process.destroy();
        } else {
            process.destroyForcibly();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(child -> {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        });
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return 0;
    }

    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) * TICK_NANOS;
        } catch (IOException gone) {
            return 0;
        }
    }

    /** CPU time of this JVM (the driver), in nanoseconds. */
    public static long selfCpuNanos() {
        return cpuNanos(ProcessHandle.current().pid());
    }
}
