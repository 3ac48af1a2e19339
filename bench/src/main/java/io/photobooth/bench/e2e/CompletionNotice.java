package io.photobooth.bench.e2e;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Figure 2, pub/sub against polling: how soon a waiting proxy notices a finished conversion, and what
 * the waiting costs in CPU. This JVM plays both sides against the embedded servers of an
 * {@link ServiceStack.Topology#INFRA} stack: {@code waiting} kiosks wait at once, each for a
 * conversion that finishes after a random 0.3 to 1.5 s; each kiosk starts one every 2.5 s, so that
 * every mode converts as many a second. A conversion finishes the same way in every
 * mode: its result is put in S3, its row in PostgreSQL set done, and a completion published on Redis
 * (as the generator and the completion subscriber would). The waiter then notices it by
 *
 * <ul>
 *   <li>{@code pubsub}: a Lettuce pattern subscription ({@code PSUBSCRIBE}, as the proxy's
 *       {@code completion-subscriber}), one connection for all waiters;</li>
 *   <li>{@code db-N}: reading the row every N ms (a pool of 10 connections, as Hikari's default);</li>
 *   <li>{@code s3-N}: an S3 {@code HeadObject} of the result every N ms;</li>
 *   <li>{@code none}: not at all (each waiter sleeps past its conversion): the baseline of the
 *       finishing side's own CPU, subtracted from the others.</li>
 * </ul>
 *
 * The delay is from the instant the result, the row and nothing else remained to do (just before the
 * publish) to the waiter's notice. CPU is this JVM's (the waiting side plus the finishing side,
 * which is the same in every mode) and the servers' JVM with its PostgreSQL and Redis processes.
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.photobooth.bench.e2e.CompletionNotice \
 *      waiting=64 warmup=3 seconds=20 rounds=2 modes=none,pubsub,db-100,db-500,s3-100,s3-500
 * </pre>
 */
public final class CompletionNotice {

    public record Mode(String name, Samples delay, int noticed, int missed, double waiterCpuSeconds,
                       double serverCpuSeconds, double seconds) {
    }

    /** A kiosk starts a conversion every this long: it finishes within 1.5 s and is noticed within 0.5 s. */
    static final Duration CYCLE = Duration.ofMillis(2500);

    private CompletionNotice() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path work = Files.createTempDirectory(args.path("work", "bench/target"), "notice-");
        ServiceStack.Options options = ServiceStack.Options.of(ServiceStack.Topology.INFRA, args.path("repo", "."), work);
        System.out.printf("starting the embedded servers in %s%n", work);
        try (ServiceStack stack = ServiceStack.start(options)) {
            List<Mode> modes = run(stack, args.strings("modes", "none,pubsub,db-100,db-500,s3-100,s3-500"),
                    args.integer("waiting", 64), args.seconds("warmup", 3), args.seconds("seconds", 20),
                    args.integer("rounds", 1), System.out);
            print(modes, args.integer("waiting", 64), System.out);
        }
    }

    public static List<Mode> run(ServiceStack stack, List<String> modeNames, int waiting, Duration warmup, Duration window,
                                 int rounds, PrintStream log) throws Exception {
        byte[] result = TestPhoto.jpeg();
        try (Clients clients = new Clients(stack);
             Connection ddl = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "")) {
            try (Statement statement = ddl.createStatement()) {
                statement.execute("create table if not exists bench_completion (id uuid primary key, done boolean not null)");
            }
            ConnectionPool pool = new ConnectionPool(stack.jdbcUrl(), 10);
            StatefulRedisConnection<String, String> publisher = clients.redis.connect();
            StatefulRedisPubSubConnection<String, String> subscriber = clients.redis.connectPubSub();
            Map<String, CompletableFuture<Long>> subscribed = new ConcurrentHashMap<>();
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String pattern, String channel, String message) {
                    CompletableFuture<Long> waiter = subscribed.remove(message);
                    if (waiter != null) {
                        waiter.complete(System.nanoTime());
                    }
                }
            });
            subscriber.sync().psubscribe("bench:notice:*");
            Env env = new Env(clients, pool, publisher, subscribed, result);
            // warm-up: every mode once, not kept
            for (String name : modeNames) {
                if (!warmup.isZero()) {
                    window(env, name, waiting, warmup, stack);
                }
            }
            List<Mode> modes = new ArrayList<>();
            for (String name : modeNames) {
                modes.add(new Mode(name, new Samples(), 0, 0, 0, 0, 0));
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < modes.size(); i++) {
                    Mode sum = modes.get(i);
                    Mode mode = window(env, sum.name(), waiting, window, stack);
                    log.printf(Locale.ROOT, "%s: %d noticed, mean delay %.1f ms, waiting side CPU %.2f s, servers %.2f s%n",
                            mode.name(), mode.noticed(), mode.delay().meanMs(), mode.waiterCpuSeconds(), mode.serverCpuSeconds());
                    sum.delay().addAll(mode.delay());
                    modes.set(i, new Mode(sum.name(), sum.delay(), sum.noticed() + mode.noticed(), sum.missed() + mode.missed(),
                            sum.waiterCpuSeconds() + mode.waiterCpuSeconds(), sum.serverCpuSeconds() + mode.serverCpuSeconds(),
                            sum.seconds() + mode.seconds()));
                }
            }
            subscriber.close();
            publisher.close();
            pool.close();
            return modes;
        }
    }

    private record Env(Clients clients, ConnectionPool pool, StatefulRedisConnection<String, String> publisher,
                       Map<String, CompletableFuture<Long>> subscribed, byte[] result) {
    }

    private static Mode window(Env env, String mode, int waiting, Duration window, ServiceStack stack) throws Exception {
        long end = System.nanoTime() + window.toNanos();
        Samples delay = new Samples();
        AtomicInteger missed = new AtomicInteger();
        long selfCpu = ServiceProcess.selfCpuNanos();
        long serverCpu = stack.infra().treeCpuNanos();
        long started = System.nanoTime();
        List<Thread> kiosks = new ArrayList<>();
        for (int k = 0; k < waiting; k++) {
            kiosks.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    long cycleEnd = System.nanoTime() + CYCLE.toNanos();
                    try {
                        Long noticeDelay = waitOnce(env, mode);
                        if (noticeDelay == null) {
                            missed.incrementAndGet();
                        } else if (noticeDelay >= 0) {
                            delay.add(noticeDelay);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        missed.incrementAndGet();
                    }
                    try {
                        // the same number of conversions a second in every mode, however soon it noticed
                        Thread.sleep(Duration.ofNanos(Math.max(0, cycleEnd - System.nanoTime())));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        for (Thread kiosk : kiosks) {
            kiosk.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Mode(mode, delay, delay.count(), missed.get(), (ServiceProcess.selfCpuNanos() - selfCpu) / 1e9,
                (stack.infra().treeCpuNanos() - serverCpu) / 1e9, seconds);
    }

    /** One kiosk's wait: the delay of its notice in nanoseconds, -1 in mode none, null if never noticed. */
    private static Long waitOnce(Env env, String mode) throws Exception {
        String id = UUID.randomUUID().toString();
        String resultKey = "bench/notice/results/" + id + ".jpg";
        CompletableFuture<Long> subscription = new CompletableFuture<>();
        if (mode.equals("pubsub")) {
            env.subscribed().put(id, subscription);
        }
        env.pool().run(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into bench_completion values (?, false)")) {
                insert.setObject(1, UUID.fromString(id));
                insert.executeUpdate();
            }
        });
        long conversionMillis = ThreadLocalRandom.current().nextLong(300, 1500);
        CompletableFuture<Long> finished = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(conversionMillis);
                env.clients().s3.putObject(b -> b.bucket(Clients.BUCKET).key(resultKey).contentType("image/jpeg"),
                        RequestBody.fromBytes(env.result()));
                env.pool().run(connection -> {
                    try (PreparedStatement update = connection.prepareStatement("update bench_completion set done = true where id = ?")) {
                        update.setObject(1, UUID.fromString(id));
                        update.executeUpdate();
                    }
                });
                finished.complete(System.nanoTime());
                env.publisher().sync().publish("bench:notice:" + id, id);
            } catch (Exception e) {
                finished.completeExceptionally(e);
            }
        });
        Long noticed;
        if (mode.equals("none")) {
            finished.get(30, TimeUnit.SECONDS);
            return -1L;
        } else if (mode.equals("pubsub")) {
            noticed = subscription.get(30, TimeUnit.SECONDS);
        } else {
            long every = Long.parseLong(mode.substring(mode.indexOf('-') + 1));
            boolean db = mode.startsWith("db-");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            noticed = null;
            while (noticed == null && System.nanoTime() < deadline) {
                if (db ? rowDone(env, id) : resultExists(env, resultKey)) {
                    noticed = System.nanoTime();
                } else {
                    Thread.sleep(every);
                }
            }
        }
        long done = finished.get(30, TimeUnit.SECONDS);
        return noticed == null ? null : Math.max(0, noticed - done);
    }

    private static boolean rowDone(Env env, String id) throws SQLException, InterruptedException {
        boolean[] done = {false};
        env.pool().run(connection -> {
            try (PreparedStatement select = connection.prepareStatement("select done from bench_completion where id = ?")) {
                select.setObject(1, UUID.fromString(id));
                try (ResultSet row = select.executeQuery()) {
                    done[0] = row.next() && row.getBoolean(1);
                }
            }
        });
        return done[0];
    }

    private static boolean resultExists(Env env, String key) {
        try {
            env.clients().s3.headObject(b -> b.bucket(Clients.BUCKET).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** A fixed pool of JDBC connections, as small as Hikari's default. */
    private static final class ConnectionPool implements AutoCloseable {
        interface Work {
            void run(Connection connection) throws SQLException;
        }

        private final BlockingQueue<Connection> idle;

        ConnectionPool(String url, int size) throws SQLException {
            idle = new ArrayBlockingQueue<>(size);
            for (int i = 0; i < size; i++) {
                idle.add(DriverManager.getConnection(url, "postgres", ""));
            }
        }

        void run(Work work) throws SQLException, InterruptedException {
            Connection connection = idle.take();
            try {
                work.run(connection);
            } finally {
                idle.put(connection);
            }
        }

        @Override
        public void close() throws SQLException {
            for (Connection connection : idle) {
                connection.close();
            }
        }
    }

    public static void print(List<Mode> modes, int waiting, PrintStream out) {
        Mode none = modes.stream().filter(m -> m.name().equals("none")).findFirst().orElse(null);
        Mode pubsub = modes.stream().filter(m -> m.name().equals("pubsub")).findFirst().orElse(null);
        out.printf(Locale.ROOT, "%ncompletion notice, %d kiosks waiting at once, conversions of 0.3 to 1.5 s, one per kiosk every %.1f s%n",
                waiting, CYCLE.toMillis() / 1000.0);
        out.println("| mode | notices | missed | delay mean ms | p50 ms | p99 ms | max ms | waiting side CPU ms/s"
                + " | servers' CPU ms/s | CPU over none, ms/s | mean delay / pubsub |");
        out.println("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (Mode mode : modes) {
            double waiterRate = mode.waiterCpuSeconds() * 1000 / mode.seconds();
            double serverRate = mode.serverCpuSeconds() * 1000 / mode.seconds();
            double over = none == null ? Double.NaN
                    : waiterRate + serverRate - (none.waiterCpuSeconds() + none.serverCpuSeconds()) * 1000 / none.seconds();
            double ratio = pubsub == null || mode.name().equals("none") ? Double.NaN
                    : mode.delay().meanMs() / pubsub.delay().meanMs();
            out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.0f | %.1fx |%n", mode.name(),
                    mode.noticed(), mode.missed(), mode.delay().meanMs(), mode.delay().percentileMs(50),
                    mode.delay().percentileMs(99), mode.delay().maxMs(), waiterRate, serverRate, over, ratio);
        }
    }
}
