package io.photobooth.support;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;

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
 * full collection, the JVM's platform threads, the database pool's active and open connections,
 * Tomcat's open connections, Camel's exchanges in flight and the main requests waiting for their
 * conversion. Virtual threads (each kiosk call) are not platform threads and are not counted.
 */
public record SoakReadings(long heapAfterGcBytes, int platformThreads, int activeDatabaseConnections,
        int openDatabaseConnections, long openHttpConnections, int exchangesInFlight, int waitingMainRequests) {

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
                ManagementFactory.getThreadMXBean().getThreadCount(),
                pool.getHikariPoolMXBean().getActiveConnections(),
                pool.getHikariPoolMXBean().getTotalConnections(),
                protocol.getConnectionCount(),
                application.getBean(CamelContext.class).getInflightRepository().size(),
                application.getBean(ConversionWaiters.class).size());
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
