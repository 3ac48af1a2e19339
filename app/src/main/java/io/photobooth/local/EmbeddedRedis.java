package io.photobooth.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/**
 * The {@code embedded-redis} server binary on loopback; Redis carries notifications only. Tests
 * stop and start it to play a Redis outage.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;

    public EmbeddedRedis(Path dataDir, int port) {
        try {
            Path dir = Files.createDirectories(dataDir.resolve("redis")).toAbsolutePath();
            this.server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dir)
                    .setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start on port " + port, e);
        }
    }

    /** Stops the server, as a Redis outage would; {@link #start} brings it back on the same port. */
    public void stop() throws IOException {
        server.stop();
    }

    /** Starts the stopped server again on the same port; a running one is left as it is. */
    public void start() throws IOException {
        server.start();
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
