package io.photobooth.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each embedded server configured with port 0 a free port before anything reads the
 * configuration, so that every {@code ${...}} and {@code {{...}}} placeholder sees the real port.
 * Tests use this to run several application contexts side by side. A process that starts no servers
 * ({@code photobooth.local.embedded-servers=false}) must be given the ports of the running ones.
 */
public class LocalPorts implements EnvironmentPostProcessor {

    static final String EMBEDDED_SERVERS = "photobooth.local.embedded-servers";

    static final List<String> PORTS = List.of(
            "photobooth.local.sqs-port",
            "photobooth.local.s3-port",
            "photobooth.local.redis-port",
            "photobooth.local.postgres-port");

    private static final int FIRST_PORT = 20_000;
    private static final int PORTS_BELOW_EPHEMERAL = 12_000;
    private static final Random RANDOM = new Random();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean embedded = !"false".equals(environment.getProperty(EMBEDDED_SERVERS));
        Map<String, Object> chosen = new HashMap<>();
        for (String port : PORTS) {
            if ("0".equals(environment.getProperty(port))) {
                if (!embedded) {
                    throw new IllegalStateException(port + " is 0, but with " + EMBEDDED_SERVERS
                            + "=false it must be the port of the running server");
                }
                chosen.put(port, freePort());
            }
        }
        if (!chosen.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("photoboothLocalPorts", chosen));
        }
    }

    /**
     * A port that is free on this machine now, below the ports the system hands out to outgoing
     * connections (Linux: 32768 and up; macOS and Windows: 49152 and up). A port the system picked
     * itself ({@code new ServerSocket(0)}) is one of those: before the server binds it, any outgoing
     * connection of the same or another process (a database pool, a Redis client) may take it as its
     * local port, and the server then fails with "Address already in use". Here only another listener
     * that picks the same port of 12,000 can.
     */
    public static int freePort() {
        for (int tries = 0; tries < 100; tries++) {
            int port = FIRST_PORT + RANDOM.nextInt(PORTS_BELOW_EPHEMERAL);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + FIRST_PORT + " and "
                + (FIRST_PORT + PORTS_BELOW_EPHEMERAL - 1)));
    }

}
