package io.photobooth.support;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.photobooth.completion.ConversionWaiters;

import org.apache.camel.CamelContext;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * What the application in this JVM holds at one moment, read in-process: the heap in use after a
 * full collection, the JVM's platform threads (by name, numbers not part of a word written N, so that a pool's threads
 * count together), the database pool's active and open connections, Tomcat's open connections,
 * Camel's exchanges in flight and the main requests waiting for their conversion. Virtual threads
 * (each kiosk call) are not platform threads and are not counted.
 */
public record SoakReadings(long heapAfterGcBytes, Map<String, Integer> platformThreads, int activeDatabaseConnections,
        int openDatabaseConnections, long openHttpConnections, int exchangesInFlight, int waitingMainRequests) {

    /**
     * The threads of the embedded S3 server (S3Proxy on Jetty), which stands in for AWS S3: its pool
     * grows with the presigned uploads and downloads and lets idle threads go only after a minute.
     */
    public static final String EMBEDDED_S3_POOL = "S3Proxy-Jetty-N";

    /** Collects the heap fully (three times, for finalizers and reference queues), then reads everything. */
    public static SoakReadings read(ApplicationContext application) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        HikariDataSource pool = hikari(application.getBean(DataSource.class));
        TomcatWebServer tomcat = (TomcatWebServer) ((ServletWebServerApplicationContext) application).getWebServer();
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) tomcat.getTomcat().getConnector().getProtocolHandler();
        return new SoakReadings(heap,
                threadsByName(),
                pool.getHikariPoolMXBean().getActiveConnections(),
                pool.getHikariPoolMXBean().getTotalConnections(),
                protocol.getConnectionCount(),
                application.getBean(CamelContext.class).getInflightRepository().size(),
                application.getBean(ConversionWaiters.class).size());
    }

    private static Map<String, Integer> threadsByName() {
        Map<String, Integer> threads = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            threads.merge(thread.getName().replaceAll("(?<![A-Za-z])[0-9]+", "N"), 1, Integer::sum);
        }
        return threads;
    }

    /** Platform threads but those of the embedded S3 server. */
    public int threadsOutsideEmbeddedS3() {
        return platformThreads.entrySet().stream().filter(entry -> !entry.getKey().equals(EMBEDDED_S3_POOL))
                .mapToInt(Map.Entry::getValue).sum();
    }

    public int embeddedS3Threads() {
        return platformThreads.getOrDefault(EMBEDDED_S3_POOL, 0);
    }

    /** The thread names whose count differs from the other reading's, with both counts. */
    public Map<String, String> threadsChangedSince(SoakReadings earlier) {
        Map<String, String> changed = new TreeMap<>();
        Set<String> names = new TreeSet<>(platformThreads.keySet());
        names.addAll(earlier.platformThreads().keySet());
        for (String name : names) {
            int before = earlier.platformThreads().getOrDefault(name, 0);
            int now = platformThreads.getOrDefault(name, 0);
            if (before != now) {
                changed.put(name, before + " -> " + now);
            }
        }
        return changed;
    }

    @Override
    public String toString() {
        return String.format("heap after GC %.1f MiB, platform threads %d (%d of them the embedded S3 server's),"
                + " database connections %d active of %d open, HTTP connections %d, exchanges in flight %d,"
                + " main requests waiting %d", heapAfterGcMiB(), threadsOutsideEmbeddedS3() + embeddedS3Threads(),
                embeddedS3Threads(), activeDatabaseConnections, openDatabaseConnections, openHttpConnections,
                exchangesInFlight, waitingMainRequests);
    }

    private static HikariDataSource hikari(DataSource dataSource) {
        try {
            return dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalStateException("the application's DataSource is no Hikari pool", e);
        }
    }

    public double heapAfterGcMiB() {
        return heapAfterGcBytes / (1024.0 * 1024.0);
    }
}
