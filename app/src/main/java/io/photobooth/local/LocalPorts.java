package io.photobooth.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** A port that is free on this machine now (another process may take it before it is bound). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
