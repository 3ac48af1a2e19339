package io.photobooth.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * zonky's embedded PostgreSQL on loopback, with its data directory under
 * {@code <data-dir>/postgres}, kept across restarts. {@link #stop} and {@link #start} restart it on
 * the same port and data, as a database restart would: the open connections break, the data stays.
 */
public final class EmbeddedPostgreSql implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    public EmbeddedPostgreSql(Path dataDir, int port) throws IOException {
        this.dataDirectory = Files.createDirectories(dataDir.resolve("postgres"));
        this.port = port;
        start();
    }

    /** The JDBC URL of a database as the user {@code postgres}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    /** Stops the server (a fast shutdown: open transactions are rolled back); the data stays. */
    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the stopped server again on the same port and data; a running one is left as it is. */
    public synchronized void start() throws IOException {
        if (server == null) {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // stopped by this context after Camel, not by a JVM hook of its own while routes still run
                    .setRegisterShutdownHook(false)
                    .start();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
