package io.photobooth.support;

import java.awt.Color;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.KioskEventStream.Opened;

/**
 * Kiosks that serve customers one after another while a test injects a fault, each on a thread of
 * its own, and record every call that failed and how each request ended. A kiosk behaves as
 * docs/api.md tells a vendor's kiosk to: it repeats a failed pre-request with the same
 * {@code Idempotency-Key}, repeats a failed upload, and after a main request that failed or
 * answered {@code 202} it asks the status, calls the main request again while the request is not
 * yet queued, and otherwise follows the request's event stream until it ends, then reads the
 * status. It downloads every result it is given. A call that cannot connect moves the kiosk to the
 * next proxy, as a load balancer would. A kiosk gives up on a request only at the drain deadline.
 */
public final class FaultKiosks implements AutoCloseable {

    private static final Set<String> FINAL = Set.of("DONE", "FAILED", "EXPIRED");
    private static final Duration PAUSE = Duration.ofMillis(300);
    /** How long a kiosk waits for S3 to answer an upload or a download before it tries again. */
    private static final Duration S3_TIMEOUT = Duration.ofSeconds(10);

    /** A failed or refused call of one request. */
    public record Incident(Instant at, String call, String outcome) {
    }

    /** One customer's request, from the pre-request to the results shown. */
    public static final class Journey {

        private final int kiosk;
        private final Instant startedAt = Instant.now();
        private final List<Incident> incidents = new CopyOnWriteArrayList<>();
        private volatile String requestId;
        private volatile String status;
        private volatile String endedBy;
        private volatile Instant endedAt;
        private volatile List<JsonNode> results = List.of();
        private volatile int resultsShown;

        Journey(int kiosk) {
            this.kiosk = kiosk;
        }

        public String requestId() {
            return requestId;
        }

        public Instant startedAt() {
            return startedAt;
        }

        /** When the kiosk had its final answer; null while it has none. */
        public Instant endedAt() {
            return endedAt;
        }

        /** The last status the kiosk saw: DONE, FAILED or EXPIRED once ended. */
        public String status() {
            return status;
        }

        /**
     * Which call gave the final answer: {@code main request}, {@code main request retried},
     * {@code status} or {@code status after the event stream} (the stream ended with the request).
     */
        public String endedBy() {
            return endedBy;
        }

        public List<Incident> incidents() {
            return List.copyOf(incidents);
        }

        /** The shots of the final answer. */
        public List<JsonNode> results() {
            return results;
        }

        /** How many results the kiosk downloaded (a decodable JPEG each). */
        public int resultsShown() {
            return resultsShown;
        }

        public boolean ended() {
            return endedAt != null;
        }

        /** In flight at some moment between {@code from} and {@code to}. */
        public boolean inFlightBetween(Instant from, Instant to) {
            return startedAt.isBefore(to) && (endedAt == null || endedAt.isAfter(from));
        }

        @Override
        public String toString() {
            return "kiosk " + kiosk + " request " + requestId + " " + status + " by " + endedBy + " incidents "
                    + incidents;
        }
    }

    private final List<Integer> ports;
    private final int shots;
    private final int width;
    private final int height;
    private final List<Journey> journeys = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger proxy = new AtomicInteger();
    /** One client a proxy port, shared by the kiosks (each makes an HTTP client with threads of its own). */
    private final ConcurrentMap<Integer, KioskClient> clients = new ConcurrentHashMap<>();
    private volatile boolean serving = true;
    private final HttpClient s3 = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Instant deadline = Instant.now().plus(Duration.ofMinutes(10));

    private FaultKiosks(List<Integer> ports, int shots, int width, int height) {
        this.ports = List.copyOf(ports);
        this.shots = shots;
        this.width = width;
        this.height = height;
    }

    /**
     * Starts {@code kiosks} kiosks, each sending requests of {@code shots} photos of
     * {@code width}x{@code height}, to the first of the proxies.
     */
    public static FaultKiosks start(int kiosks, int shots, int width, int height, List<Integer> proxyPorts) {
        FaultKiosks running = new FaultKiosks(proxyPorts, shots, width, height);
        for (int kiosk = 1; kiosk <= kiosks; kiosk++) {
            int number = kiosk;
            running.threads.add(Thread.ofPlatform().name("fault-kiosk-" + kiosk).daemon()
                    .start(() -> running.serve(number)));
        }
        return running;
    }

    /** The journeys that ended DONE so far. */
    public long done() {
        return journeys.stream().filter(journey -> journey.ended() && "DONE".equals(journey.status())).count();
    }

    /** The port the kiosks call now. */
    private int currentPort() {
        return ports.get(proxy.get());
    }

    /**
     * Lets no kiosk start another request, waits until every request begun has its final answer or
     * {@code drain} has passed, and returns the journeys.
     */
    public List<Journey> drain(Duration drain) throws InterruptedException {
        serving = false;
        deadline = Instant.now().plus(drain);
        for (Thread thread : threads) {
            thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis() + 5_000));
        }
        return List.copyOf(journeys);
    }

    @Override
    public void close() {
        serving = false;
        deadline = Instant.now();
        threads.forEach(Thread::interrupt);
    }

    private void serve(int kiosk) {
        byte[] photo = TestPhotos.portrait(width, height, new Color(40 * kiosk % 256, 120, 200));
        while (serving && !Thread.currentThread().isInterrupted()) {
            Journey journey = new Journey(kiosk);
            journeys.add(journey);
            try {
                run(journey, photo);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(Journey journey, byte[] photo) throws InterruptedException {
        Answer pre = preRequest(journey);
        if (pre == null) {
            return;
        }
        journey.requestId = pre.json().get("requestId").asText();
        journey.status = pre.json().get("status").asText();
        for (JsonNode upload : KioskClient.list(pre.json().get("uploads"))) {
            if (!upload(journey, upload, photo)) {
                return;
            }
        }
        Answer answer = call(journey, "main request",
                kiosk -> kiosk.conversion(KioskClient.DEMO_KEY, journey.requestId));
        String by = "main request";
        boolean followed = false;
        while (!isFinal(answer) && beforeDeadline()) {
            pause();
            Answer status = call(journey, "status", kiosk -> kiosk.status(KioskClient.DEMO_KEY, journey.requestId));
            if (status == null) {
                followed = false;
                continue;
            }
            journey.status = status.json().get("status").asText();
            if (FINAL.contains(journey.status)) {
                answer = status;
                by = followed ? "status after the event stream" : "status";
            } else if ("QUEUED".equals(journey.status)) {
                followed = follow(journey);
            } else {
                followed = false;
                answer = call(journey, "main request", kiosk -> kiosk.conversion(KioskClient.DEMO_KEY,
                        journey.requestId));
                by = "main request retried";
            }
        }
        if (isFinal(answer)) {
            show(journey, answer);
            journey.endedBy = by;
            journey.endedAt = Instant.now();
        }
    }

    private Answer preRequest(Journey journey) throws InterruptedException {
        String idempotencyKey = UUID.randomUUID().toString();
        while (beforeDeadline()) {
            Answer pre = call(journey, "pre-request", kiosk -> kiosk.preRequest(KioskClient.DEMO_KEY, idempotencyKey,
                    "{\"concept\":\"sketch\",\"shots\":" + shots + "}"));
            if (pre != null && (pre.status() == 201 || pre.status() == 200)) {
                return pre;
            }
            pause();
        }
        return null;
    }

    private boolean upload(Journey journey, JsonNode upload, byte[] photo) throws InterruptedException {
        while (beforeDeadline()) {
            try {
                int status = s3.send(HttpRequest.newBuilder(URI.create(upload.get("url").asText()))
                        .timeout(S3_TIMEOUT)
                        .header("Content-Type", upload.get("headers").get("Content-Type").asText())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return true;
                }
                journey.incidents.add(new Incident(Instant.now(), "upload", String.valueOf(status)));
            } catch (IOException e) {
                journey.incidents.add(new Incident(Instant.now(), "upload", reason(e)));
            }
            pause();
        }
        return false;
    }

    /**
     * Follows the request's event stream on the current proxy until it ends, breaks or cannot be
     * opened; true when it ended as the server ends it.
     */
    private boolean follow(Journey journey) throws InterruptedException {
        KioskEventStream events = new KioskEventStream(currentPort());
        try {
            Opened stream = events.open(KioskClient.DEMO_KEY, journey.requestId, null);
            if (stream.status() != 200) {
                journey.incidents.add(new Incident(Instant.now(), "events", stream.status() + " "
                        + stream.problem().path("type").asText()));
                return false;
            }
            stream.events().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                    TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | RuntimeException e) {
            journey.incidents.add(new Incident(Instant.now(), "events", reason(e)));
            failOverOnConnectionLoss();
        } catch (TimeoutException e) {
            journey.incidents.add(new Incident(Instant.now(), "events", "no end before the deadline"));
        }
        return false;
    }

    /** Downloads every DONE result of the final answer, asking the status again for fresh URLs after a failure. */
    private void show(Journey journey, Answer answer) throws InterruptedException {
        Answer current = answer;
        journey.status = current.json().get("status").asText();
        journey.results = KioskClient.list(current.json().get("results"));
        while (true) {
            int shown = 0;
            for (JsonNode result : journey.results) {
                if (result.has("url") && downloaded(journey, result.get("url").asText())) {
                    shown++;
                }
            }
            journey.resultsShown = shown;
            long expected = journey.results.stream().filter(result -> result.has("url")).count();
            if (shown == expected || !beforeDeadline()) {
                return;
            }
            pause();
            Answer status = call(journey, "status", kiosk -> kiosk.status(KioskClient.DEMO_KEY, journey.requestId));
            if (status != null) {
                current = status;
                journey.results = KioskClient.list(current.json().get("results"));
            }
        }
    }

    private boolean downloaded(Journey journey, String url) throws InterruptedException {
        try {
            HttpResponse<byte[]> download = s3.send(HttpRequest.newBuilder(URI.create(url)).timeout(S3_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (download.statusCode() == 200 && TestPhotos.decode(download.body()) != null) {
                return true;
            }
            journey.incidents.add(new Incident(Instant.now(), "download", String.valueOf(download.statusCode())));
        } catch (IOException e) {
            journey.incidents.add(new Incident(Instant.now(), "download", reason(e)));
        }
        return false;
    }

    private interface Call {
        Answer on(KioskClient kiosk);
    }

    /** A kiosk API call: its answer, or null after recording why it failed (a problem, or no connection). */
    private Answer call(Journey journey, String name, Call call) {
        try {
            Answer answer = call.on(clients.computeIfAbsent(currentPort(), KioskClient::new));
            if (answer.status() >= 400) {
                journey.incidents.add(new Incident(Instant.now(), name, answer.status() + " "
                        + (answer.json() == null ? "" : answer.json().path("type").asText())));
                return null;
            }
            if (answer.status() == 202) {
                journey.incidents.add(new Incident(Instant.now(), name, "202 still converting"));
            }
            return answer;
        } catch (IllegalStateException e) {
            journey.incidents.add(new Incident(Instant.now(), name, reason(e)));
            failOverOnConnectionLoss();
            return null;
        }
    }

    /** After a call that could not reach its proxy, every kiosk's next calls go to the next proxy, if any. */
    private void failOverOnConnectionLoss() {
        proxy.updateAndGet(current -> Math.min(current + 1, ports.size() - 1));
    }

    private static boolean isFinal(Answer answer) {
        return answer != null && answer.status() == 200 && FINAL.contains(answer.json().get("status").asText());
    }

    private boolean beforeDeadline() {
        return Instant.now().isBefore(deadline) && !Thread.currentThread().isInterrupted();
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(PAUSE);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
