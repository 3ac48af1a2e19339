package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.photobooth.kiosk.ProblemType;
import io.photobooth.reliability.HostileInputCalls.Call;
import io.photobooth.support.ConvertedPhotos;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application fuzzed over real HTTP with {@link HostileInputCalls}: whatever a kiosk
 * sends, the answer comes within {@link #BOUND}, is never a 5xx, and every 4xx is an RFC 9457
 * problem+json whose {@code type} is one of the documented {@link ProblemType}s with its status
 * (the download page answers a browser in HTML instead); a pre-request is recorded exactly when it
 * is answered {@code 201}; and afterwards the application still converts a photo end to end and
 * shares it.
 *
 * <p>The default run makes 3,000 calls from a fixed seed; the reliability run ({@code -Preliability})
 * 100,000 from a fresh seed, or the one given as {@code -Dhostile.seed=...}. Each call's inputs come
 * from the seed and its number alone, and a failure names both. Each run prints its counts by
 * endpoint and status, by problem type, and its latencies. The application is one of its own (the
 * calls leave thousands of requests and started generators behind), with the per-key rate limit
 * raised out of the way ({@code KioskLimitsTest} tests the limiter, this the API behind it) and event
 * streams that end after 3 s: the calls drop the streams they open, which would otherwise hold the
 * application's shutdown until their next keep-alive.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.kiosk.rate-limit.requests-per-second=100000",
    "photobooth.kiosk.rate-limit.burst=100000",
    "photobooth.kiosk.event-stream-timeout=PT3S",
})
@DirtiesContext
class HostileInputApiTest {

    /** Longer than any answer takes, a held main request aside (none here: nothing is uploaded). */
    static final Duration BOUND = Duration.ofSeconds(10);
    private static final int CLIENTS = 4;
    private static final int MAX_REPORTED = 25;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROBLEM_TYPES = Arrays.stream(ProblemType.values()).map(ProblemType::uri)
            .collect(Collectors.toUnmodifiableSet());

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    KioskClient kiosk;
    HttpClient http;

    @BeforeEach
    void clients() {
        kiosk = new KioskClient(port);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void shouldAnswerThreeThousandHostileCallsWithoutAServerErrorOrAHang() throws Exception {
        fuzz(3_000, 20261126L);
    }

    @Test
    @Tag("reliability")
    void shouldAnswerAHundredThousandHostileCallsWithoutAServerErrorOrAHang() throws Exception {
        fuzz(100_000, Long.getLong("hostile.seed", System.nanoTime()));
    }

    private void fuzz(int count, long seed) throws Exception {
        System.out.printf("HostileInputApiTest: %,d calls from seed %d (-Dhostile.seed=%d)%n", count, seed, seed);
        Flow before = convertAndShare();
        HostileInputCalls calls = new HostileInputCalls(before.requestId(), before.token());
        Tally tally = new Tally();
        int requestsBefore = requests();

        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < count && tally.failures() < MAX_REPORTED;
                        i = next.getAndIncrement()) {
                    Call call = calls.next(new Random(seed * 0x9E3779B97F4A7C15L + i));
                    Reply reply = send(call, tally);
                    tally.add(call, reply);
                    List<String> wrong = check(call, reply);
                    if (!wrong.isEmpty()) {
                        tally.fail("call " + i + " of seed " + seed + ": " + call + "\n    answered " + reply
                                + "\n    " + String.join("; ", wrong));
                    } else if (reply.status() == 201 && reply.json() != null) {
                        calls.made(reply.json().get("requestId").asText(), call.header("X-Api-Key"));
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println(tally.summary(took));

        assertThat(tally.failures()).as("calls answered against the API's contract (seed %d):%n%s", seed,
                String.join("\n", tally.failed())).isZero();
        assertThat(tally.calls()).isEqualTo(count);
        // a pre-request sent twice (see send) may have been recorded the first time too
        assertThat(requests() - requestsBefore).as("requests recorded: one per pre-request answered 201")
                .isBetween(tally.created(), tally.created() + tally.resentPreRequests());
        convertAndShare();
    }

    int requests() {
        return jdbc.queryForObject("select count(*) from conversion_request", Integer.class);
    }

    /** A converted request and its download link's token, made the normal way. */
    private record Flow(String requestId, String token) {
    }

    private Flow convertAndShare() {
        byte[] photo = TestPhotos.portrait(96, 72, Color.MAGENTA);
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        assertThat(pre.status()).isEqualTo(201);
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.upload(pre.json().get("uploads").get(0), photo)).isEqualTo(200);
        ConvertedPhotos.assertConverted(kiosk, kiosk.conversion(KioskClient.DEMO_KEY, requestId), new byte[][] {photo});
        Answer share = kiosk.share(KioskClient.DEMO_KEY, requestId);
        assertThat(share.status()).isEqualTo(200);
        String url = share.json().get("url").asText();
        Answer page = kiosk.get(url.substring(url.indexOf("/s/")), "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        return new Flow(requestId, url.substring(url.indexOf("/s/") + 3));
    }

    // --- sending

    /** An answer: its status (0 when the server closed without one), content type, body and time. */
    record Reply(int status, String contentType, byte[] body, JsonNode json, long nanos, String error) {

        @Override
        public String toString() {
            if (error != null) {
                return error + " after " + nanos / 1_000_000 + " ms";
            }
            return status + " " + contentType + " in " + nanos / 1_000_000 + " ms: "
                    + HostileInputCalls.printable(body, 400);
        }
    }

    /**
     * Sends the call. A pooled connection the server closed between two calls (it closes one after
     * some refusals, and when idle) fails with no byte of an answer: the call is then sent once more
     * on a connection of its own, and counted; a server that does not answer fails that one too.
     */
    private Reply send(Call call, Tally tally) {
        Reply reply = send(call, http);
        if (reply.status() == 0 && !call.isRaw() && reply.error().contains("no bytes")) {
            tally.resent(call);
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
            reply = send(call, fresh);
        }
        return reply;
    }

    private Reply send(Call call, HttpClient client) {
        long start = System.nanoTime();
        HttpRequest request = call.isRaw() ? null : request(call);
        if (request == null) {
            return raw(call.isRaw() ? call.raw() : rawBytes(call), start);
        }
        boolean stream = call.endpoint().equals("events");
        Future<HttpResponse<InputStream>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        try {
            HttpResponse<InputStream> response = sent.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            byte[] body;
            try (InputStream in = response.body()) {
                // an open event stream lasts minutes: its first bytes are enough
                body = stream && contentType.startsWith("text/event-stream") ? new byte[0] : in.readAllBytes();
            }
            return reply(response.statusCode(), contentType, body, start);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new Reply(-1, "", new byte[0], null, System.nanoTime() - start, "no answer within " + BOUND);
        } catch (ExecutionException | IOException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new Reply(0, "", new byte[0], null, System.nanoTime() - start, "connection failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request, or null when the HTTP client refuses to send it (it then goes out as raw bytes). */
    private HttpRequest request(Call call) {
        try {
            HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : call.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(call.body()))
                    : HttpRequest.BodyPublishers.ofByteArray(call.body());
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()))
                    .timeout(BOUND).method(call.method(), body);
            call.headers().forEach(header -> builder.header(header.getKey(), header.getValue()));
            return builder.build();
        } catch (IllegalArgumentException unsendable) {
            return null;
        }
    }

    private byte[] rawBytes(Call call) {
        StringBuilder head = new StringBuilder(call.method()).append(' ').append(call.path()).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        call.headers().forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        byte[] body = call.body() == null ? new byte[0] : call.body();
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Writes the bytes on a connection of their own and reads the answer until the server closes it. */
    private Reply raw(byte[] request, long start) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) BOUND.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            byte[] answer = readUntilClosed(socket.getInputStream(), start);
            return parse(answer, start);
        } catch (SocketTimeoutException e) {
            return new Reply(-1, "", new byte[0], null, System.nanoTime() - start, "no answer within " + BOUND);
        } catch (IOException e) {
            return new Reply(0, "", new byte[0], null, System.nanoTime() - start, "connection failed: " + e);
        }
    }

    private static byte[] readUntilClosed(InputStream in, long start) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                if (System.nanoTime() - start > BOUND.toNanos()) {
                    throw new SocketTimeoutException("the answer did not end");
                }
            }
        } catch (java.net.SocketException reset) {
            // the server may reset after answering a request it refused to read
            if (out.size() == 0) {
                throw reset;
            }
        }
        return out.toByteArray();
    }

    /** Status, content type and body (de-chunked) of a raw HTTP/1.1 answer. */
    private static Reply parse(byte[] answer, long start) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Reply(0, "", answer, null, System.nanoTime() - start,
                    answer.length == 0 ? "closed without an answer" : "not an HTTP answer");
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String contentType = "";
        boolean chunked = false;
        for (String line : text.substring(0, end).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = Arrays.copyOfRange(answer, end + 4, answer.length);
        return reply(status, contentType, chunked ? dechunk(body) : body, start);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int line = text.indexOf("\r\n", at);
            if (line < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, line).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, line + 2, Math.min(size, chunked.length - line - 2));
            at = line + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static Reply reply(int status, String contentType, byte[] body, long start) {
        JsonNode json = null;
        if (contentType.contains("json") && body.length > 0) {
            try {
                json = JSON.readTree(body);
            } catch (IOException notJson) {
                json = null;
            }
        }
        return new Reply(status, contentType, body, json, System.nanoTime() - start, null);
    }

    // --- the contract

    /** What is wrong with the answer to the call; empty when it keeps the API's contract. */
    static List<String> check(Call call, Reply reply) {
        List<String> wrong = new ArrayList<>();
        if (reply.status() == -1) {
            wrong.add("no answer within " + BOUND);
            return wrong;
        }
        if (reply.nanos() > BOUND.toNanos()) {
            wrong.add("answered after " + BOUND);
        }
        if (reply.status() == 0) {
            // the server may close a connection whose bytes are no HTTP request; an HTTP client's never
            if (!call.isRaw()) {
                wrong.add("no answer: " + reply.error());
            }
            return wrong;
        }
        if (reply.status() >= 500) {
            wrong.add("a server error");
        }
        boolean head = call.method().equals("HEAD");
        if (reply.status() >= 400 && !head) {
            boolean browser = call.path().startsWith("/s/") && accepts(call, "text/html");
            if (browser && reply.contentType().startsWith("text/html")) {
                return wrong;
            }
            if (!reply.contentType().startsWith("application/problem+json")) {
                wrong.add("a refusal that is not problem+json");
            } else if (reply.json() == null || !reply.json().isObject()) {
                wrong.add("a problem that is not a JSON object");
            } else {
                String type = reply.json().path("type").asText();
                if (!PROBLEM_TYPES.contains(type)) {
                    wrong.add("an undocumented problem type " + type);
                } else if (problem(type).status() != reply.status()) {
                    wrong.add("problem " + type + " with status " + reply.status());
                }
                if (reply.json().path("status").asInt() != reply.status()) {
                    wrong.add("a problem whose status member is not the answer's");
                }
                if (reply.json().path("title").asText().isBlank() || reply.json().path("detail").asText().isBlank()) {
                    wrong.add("a problem without title or detail");
                }
            }
        }
        if (reply.status() >= 200 && reply.status() < 300 && !head && !call.method().equals("OPTIONS")) {
            String expected = switch (call.endpoint()) {
                case "events" -> "text/event-stream";
                case "share-page" -> "text/html";
                case "elsewhere" -> "";
                default -> call.isRaw() ? "" : "application/json";
            };
            if (!reply.contentType().startsWith(expected)) {
                wrong.add("a success of content type " + reply.contentType() + ", not " + expected);
            }
            if (call.endpoint().equals("pre-request") && reply.status() == 201) {
                JsonNode answer = reply.json();
                if (answer == null || !answer.path("requestId").asText().matches("[0-9a-f-]{36}")
                        || answer.path("uploads").size() != answer.path("shots").asInt()) {
                    wrong.add("a pre-request answer without its request id or uploads");
                }
            }
        }
        return wrong;
    }

    private static boolean accepts(Call call, String type) {
        String accept = call.header("Accept");
        return accept != null && accept.contains(type);
    }

    private static ProblemType problem(String uri) {
        return Arrays.stream(ProblemType.values()).filter(type -> type.uri().equals(uri)).findFirst().orElseThrow();
    }

    /** Counts by endpoint and status, by problem type, latencies and failures. */
    static final class Tally {

        private final Map<String, Map<Integer, LongAdder>> byEndpoint = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> byProblem = new ConcurrentHashMap<>();
        private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        private final List<String> failed = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong created = new AtomicLong();
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong resent = new AtomicLong();
        private final AtomicLong resentPreRequests = new AtomicLong();

        void resent(Call call) {
            resent.incrementAndGet();
            if (call.method().equals("POST") && call.path().equals("/api/v1/requests")) {
                resentPreRequests.incrementAndGet();
            }
        }

        int resentPreRequests() {
            return (int) resentPreRequests.get();
        }

        void add(Call call, Reply reply) {
            calls.incrementAndGet();
            String endpoint = call.isRaw() ? "raw" : call.endpoint();
            byEndpoint.computeIfAbsent(endpoint, name -> new ConcurrentHashMap<>())
                    .computeIfAbsent(reply.status(), status -> new LongAdder()).increment();
            if (reply.json() != null && reply.status() >= 400 && reply.json().has("type")) {
                byProblem.computeIfAbsent(reply.status() + " " + reply.json().path("type").asText()
                        .replace("urn:photobooth:problem:", ""), type -> new LongAdder()).increment();
            }
            if (reply.status() == 201) {
                created.incrementAndGet();
            }
            nanos.add(reply.nanos());
        }

        void fail(String failure) {
            if (failed.size() < MAX_REPORTED) {
                failed.add(failure);
            }
        }

        int failures() {
            return failed.size();
        }

        List<String> failed() {
            return List.copyOf(failed);
        }

        long calls() {
            return calls.get();
        }

        int created() {
            return (int) created.get();
        }

        String summary(Duration took) {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "%,d calls in %.1f s (%.0f a second), %,d pre-requests recorded%n", calls.get(),
                    took.toMillis() / 1e3, calls.get() / (took.toMillis() / 1e3), created.get()));
            Map<Integer, Long> byStatus = new TreeMap<>();
            byEndpoint.forEach((endpoint, statuses) -> statuses.forEach((status, n) -> byStatus.merge(status, n.sum(), Long::sum)));
            out.append("by status: ").append(byStatus).append('\n');
            new TreeMap<>(byEndpoint).forEach((endpoint, statuses) -> {
                Map<Integer, Long> counts = new TreeMap<>();
                statuses.forEach((status, n) -> counts.put(status, n.sum()));
                out.append(String.format(Locale.ROOT, "  %-12s %s%n", endpoint, counts));
            });
            out.append("by problem type:\n");
            new TreeMap<>(byProblem).forEach((type, n) -> out.append(String.format(Locale.ROOT, "  %,8d  %s%n", n.sum(), type)));
            List<Long> sorted;
            synchronized (nanos) {
                sorted = new ArrayList<>(nanos);
            }
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                out.append(String.format(Locale.ROOT, "latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6,
                        sorted.getLast() / 1e6));
            }
            out.append(String.format(Locale.ROOT, "sent again on a new connection (a pooled one was closed): %d%n",
                    resent.get()));
            out.append(String.format(Locale.ROOT, "failures: %d%n", failed.size()));
            failed.forEach(failure -> out.append("  ").append(failure).append('\n'));
            return out.toString();
        }
    }
}
