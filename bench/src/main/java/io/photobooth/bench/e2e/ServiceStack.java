package io.photobooth.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service as the drivers run it: the packaged jar in the {@code local} profile, on free ports and a
 * fresh data directory, every concept's model replaced by the identity model of {@code bench/models}.
 *
 * <ul>
 *   <li>{@link Topology#SINGLE}: the embedded default, one JVM with both roles and the embedded
 *       servers; its in-process generator starts with the first pre-request.</li>
 *   <li>{@link Topology#SPLIT}: three JVMs as on AWS: one with the embedded servers alone ("infra"),
 *       one generator (serving {@code local-sketch}'s queues from start-up) and one proxy (making no
 *       EC2 calls), so that each role's memory and CPU can be read on its own.</li>
 *   <li>{@link Topology#INFRA}: the embedded servers alone.</li>
 * </ul>
 */
public final class ServiceStack implements AutoCloseable {

    public enum Topology { SINGLE, SPLIT, INFRA }

    /**
     * @param proxyJvm JVM options of the proxy's JVM (in SINGLE, of the one JVM), e.g. {@code -Xmx512m}
     * @param proxyArgs more service properties of the proxy, e.g. {@code --photobooth.kiosk.conversion-timeout=PT60S}
     */
    public record Options(Topology topology, Path repo, Path workDir, List<String> proxyJvm, List<String> proxyArgs,
                          List<String> everyJvm, boolean gracefulStop, Duration startTimeout) {

        public static Options of(Topology topology, Path repo, Path workDir) {
            return new Options(topology, repo, workDir, List.of(), List.of(), List.of(), true, Duration.ofMinutes(4));
        }

        public Options withProxyJvm(String... options) {
            return new Options(topology, repo, workDir, List.of(options), proxyArgs, everyJvm, gracefulStop, startTimeout);
        }

        public Options withProxyArgs(String... args) {
            return new Options(topology, repo, workDir, proxyJvm, List.of(args), everyJvm, gracefulStop, startTimeout);
        }

        /** JVM options of every JVM of the stack, e.g. {@code -XX:TieredStopAtLevel=1} for a quicker start in tests. */
        public Options withEveryJvm(String... options) {
            return new Options(topology, repo, workDir, proxyJvm, proxyArgs, List.of(options), gracefulStop, startTimeout);
        }

        /** Kills the JVMs at the end instead of stopping them gracefully (the workers' long polls take up to 20 s). */
        public Options withQuickStop() {
            return new Options(topology, repo, workDir, proxyJvm, proxyArgs, everyJvm, false, startTimeout);
        }
    }

    /** The API key of the local vendor {@code demo}. */
    public static final String API_KEY = "demo-local-key";
    /** The concept whose model is measured (every concept gets the identity model). */
    public static final String CONCEPT = "sketch";

    private final Options options;
    private final int sqsPort = freePort();
    private final int s3Port = freePort();
    private final int redisPort = freePort();
    private final int postgresPort = freePort();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private ServiceProcess infra;
    private ServiceProcess proxy;
    private ServiceProcess generator;

    private ServiceStack(Options options) {
        this.options = options;
    }

    /** Starts the stack and waits until every JVM is UP. */
    public static ServiceStack start(Options options) throws IOException, InterruptedException {
        ServiceStack stack = new ServiceStack(options);
        try {
            stack.startProcesses();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startProcesses() throws IOException, InterruptedException {
        Path jar = options.repo().resolve("app/target/photobooth.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -DskipTests package)");
        }
        Files.createDirectories(options.workDir());
        switch (options.topology()) {
            case SINGLE -> {
                List<String> args = new ArrayList<>(common(true));
                args.addAll(models());
                args.addAll(kioskLimitsOff());
                args.add("--photobooth.local.boot-delay=PT1S");
                args.addAll(options.proxyArgs());
                proxy = launch("service", jar, options.proxyJvm(), args);
                generator = proxy;
                infra = proxy;
                proxy.awaitUp(options.startTimeout());
            }
            case INFRA -> {
                infra = launch("infra", jar, List.of(), infraArgs());
                infra.awaitUp(options.startTimeout());
            }
            case SPLIT -> {
                infra = launch("infra", jar, List.of(), infraArgs());
                infra.awaitUp(options.startTimeout());
                List<String> generatorArgs = new ArrayList<>(common(false));
                generatorArgs.addAll(models());
                generatorArgs.addAll(List.of("--photobooth.roles.proxy=false", "--photobooth.fleet.in-process=false",
                        "--photobooth.generator.instance-id=local-" + CONCEPT));
                generator = launch("generator", jar, List.of(), generatorArgs);
                List<String> proxyArgs = new ArrayList<>(common(false));
                proxyArgs.addAll(kioskLimitsOff());
                proxyArgs.addAll(List.of("--photobooth.roles.generator=false", "--photobooth.fleet.managed=false"));
                proxyArgs.addAll(options.proxyArgs());
                proxy = launch("proxy", jar, options.proxyJvm(), proxyArgs);
                generator.awaitUp(options.startTimeout());
                proxy.awaitUp(options.startTimeout());
            }
        }
    }

    private List<String> infraArgs() {
        List<String> args = new ArrayList<>(common(true));
        args.addAll(List.of("--photobooth.roles.proxy=false", "--photobooth.roles.generator=false"));
        return args;
    }

    private List<String> common(boolean embeddedServers) {
        return List.of(
                "--photobooth.local.embedded-servers=" + embeddedServers,
                "--photobooth.local.sqs-port=" + sqsPort,
                "--photobooth.local.s3-port=" + s3Port,
                "--photobooth.local.redis-port=" + redisPort,
                "--photobooth.local.postgres-port=" + postgresPort,
                "--photobooth.local.data-dir=" + options.workDir().resolve("data").toAbsolutePath());
    }

    private List<String> models() {
        String identity = options.repo().resolve("bench/models/identity").toAbsolutePath().toString();
        return List.of(
                "--photobooth.concepts.sketch.model=" + identity,
                "--photobooth.concepts.toon.model=" + identity,
                "--photobooth.concepts.watercolor.model=" + identity);
    }

    /** Many kiosks share one API key here; the per-key rate limit (20/s) would answer them 429. */
    private static List<String> kioskLimitsOff() {
        return List.of("--photobooth.kiosk.rate-limit.requests-per-second=1000000",
                "--photobooth.kiosk.rate-limit.burst=1000000");
    }

    private ServiceProcess launch(String name, Path jar, List<String> jvm, List<String> args) throws IOException {
        List<String> jvmOptions = new ArrayList<>(options.everyJvm());
        jvmOptions.addAll(jvm);
        ServiceProcess process = ServiceProcess.start(name, jar, options.repo(), jvmOptions, args, freePort(),
                options.workDir().resolve(name + ".log"));
        processes.add(process);
        return process;
    }

    public Topology topology() {
        return options.topology();
    }

    public ServiceProcess proxy() {
        return proxy;
    }

    public ServiceProcess generator() {
        return generator;
    }

    public ServiceProcess infra() {
        return infra;
    }

    /** The JVMs of the stack, without repeats. */
    public List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    public Optional<ServiceProcess> process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    public String sqsEndpoint() {
        return "http://127.0.0.1:" + sqsPort;
    }

    public int redisPort() {
        return redisPort;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres";
    }

    public Path workDir() {
        return options.workDir();
    }

    @Override
    public void close() throws InterruptedException {
        // the servers' JVM last, so that the others stop cleanly
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close(options.gracefulStop());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
