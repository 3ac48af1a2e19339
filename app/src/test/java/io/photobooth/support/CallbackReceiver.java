package io.photobooth.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A vendor's callback receiver as a vendor would write it, on 127.0.0.1 and a free port: it checks
 * every POST's signature with its own HMAC-SHA256 code (not the proxy's), refuses a timestamp more
 * than five minutes from its clock, and counts the deliveries it accepted (answered 2xx) per event
 * id. It can be {@link Mode#UP}, answer {@link Mode#UNAVAILABLE} (503), be {@link #stop() stopped}
 * (connection refused) and {@link #start() started} again on the same port, or {@link Mode#HANG}:
 * hold every POST until {@link #release()}, then answer 503.
 */
public final class CallbackReceiver implements AutoCloseable {

    public static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    public enum Mode { UP, UNAVAILABLE, HANG }

    /** A POST that passed the signature check. */
    public record Delivery(String eventId, long timestamp, byte[] body, Set<String> headerNames, JsonNode json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secret;
    private final Clock clock;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final List<Delivery> verified = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger hanging = new AtomicInteger();
    private volatile Mode mode = Mode.UP;
    private volatile CountDownLatch released = new CountDownLatch(1);
    private volatile HttpServer server;
    private int port;

    public CallbackReceiver(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
        start();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/photobooth/events";
    }

    public void mode(Mode mode) {
        if (mode == Mode.HANG) {
            released = new CountDownLatch(1);
        }
        this.mode = mode;
    }

    /** Lets every held POST go (it is answered 503). */
    public void release() {
        released.countDown();
    }

    /** POSTs held right now. */
    public int hanging() {
        return hanging.get();
    }

    /** Deliveries of this event the receiver accepted with a 2xx. */
    public int acceptedDeliveries(String eventId) {
        AtomicInteger count = accepted.get(eventId);
        return count == null ? 0 : count.get();
    }

    /** POSTs refused for their signature or timestamp. */
    public int rejected() {
        return rejected.get();
    }

    /** Every POST that passed the signature check, answered 2xx or not. */
    public List<Delivery> verified() {
        synchronized (verified) {
            return List.copyOf(verified);
        }
    }

    /** Stops listening: a POST is then refused its connection. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again, on the same port once it was given one; nothing if it listens. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
                started.createContext("/photobooth/events", this::handle);
                started.setExecutor(threads);
                started.start();
                server = started;
                port = started.getAddress().getPort();
                return;
            } catch (BindException e) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("port " + port + " stays taken", e);
                }
                Thread.onSpinWait();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String eventId = exchange.getRequestHeaders().getFirst("Photobooth-Event-Id");
            String timestamp = exchange.getRequestHeaders().getFirst("Photobooth-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("Photobooth-Signature");
            if (!"POST".equals(exchange.getRequestMethod()) || !verifies(timestamp, signature, body)) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode json = JSON.readTree(body);
            if (eventId == null || !eventId.equals(json.path("eventId").asText())) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            verified.add(new Delivery(eventId, Long.parseLong(timestamp), body,
                    new TreeSet<>(exchange.getRequestHeaders().keySet()), json));
            switch (mode) {
                case UNAVAILABLE -> exchange.sendResponseHeaders(503, -1);
                case HANG -> {
                    hanging.incrementAndGet();
                    try {
                        released.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        hanging.decrementAndGet();
                    }
                    exchange.sendResponseHeaders(503, -1);
                }
                case UP -> {
                    // a real receiver stores the event under its id first; a repeated id is a no-op
                    accepted.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
                    exchange.sendResponseHeaders(204, -1);
                }
            }
        }
    }

    /** The check a vendor's receiver makes, written here from docs/vendors.md. */
    public boolean verifies(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
            return false;
        }
        long age = clock.instant().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(age) > REPLAY_WINDOW.toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            byte[] expected = ("v1=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        release();
        stop();
        threads.shutdownNow();
    }
}
