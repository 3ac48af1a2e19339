package io.photobooth.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import io.photobooth.support.KioskClient.Answer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP side of many simulated kiosks at once: the public API's calls, the presigned PUTs and
 * GETs, and the event stream read to its end on the caller's thread (a kiosk's virtual thread).
 * Unlike {@link KioskClient} it can be closed, and closing it closes its connections, so that a
 * test sees the server's connections go back to what they were. Its own work runs on virtual
 * threads, so it adds one platform thread (the client's selector) to the JVM while it lives.
 */
public final class TrafficClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final String base;
    private final Duration timeout;

    /** Every call but the event stream fails after {@code timeout} without an answer. */
    public TrafficClient(int port, Duration timeout) {
        this.base = "http://127.0.0.1:" + port;
        this.timeout = timeout;
    }

    /** What an event stream carried: the {@code event:} of each event, in order, or the refusal's status. */
    public record Events(int status, List<String> types) {
    }

    public Answer preRequest(String apiKey, String idempotencyKey, String body) {
        HttpRequest.Builder request = api("/api/v1/requests", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    public Answer conversion(String apiKey, String requestId) {
        return send(api("/api/v1/requests/" + requestId + "/conversion", apiKey).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer status(String apiKey, String requestId) {
        return send(api("/api/v1/requests/" + requestId, apiKey).GET());
    }

    /** Any call to the API, for what a well-behaved kiosk would not send; null leaves a header out. */
    public Answer call(String method, String path, String apiKey, String contentType, String body) {
        HttpRequest.Builder request = api(path, apiKey).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** PUTs a photo to a presigned upload URL with the content type the pre-request pinned. */
    public int upload(String url, String contentType, byte[] photo) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo))).status();
    }

    /** GETs a presigned URL. */
    public Answer download(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET());
    }

    /**
     * Opens {@code GET /api/v1/requests/{requestId}/events} and reads it until the server ends it,
     * on this thread: the types of its events in order (comments such as keep-alives left out).
     */
    public Events events(String apiKey, String requestId) {
        HttpRequest request = api("/api/v1/requests/" + requestId + "/events", apiKey)
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            List<String> types = new ArrayList<>();
            try (Stream<String> lines = response.body()) {
                lines.filter(line -> line.startsWith("event: ")).forEach(line -> types.add(line.substring(7)));
            }
            return new Events(response.statusCode(), List.copyOf(types));
        } catch (IOException e) {
            throw new IllegalStateException("event stream of " + requestId + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder api(String path, String apiKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        return apiKey == null ? builder : builder.header("X-Api-Key", apiKey);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(response.statusCode(), contentType,
                    contentType.contains("json") ? JSON.readTree(response.body()) : null, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.build().method() + " " + request.build().uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Closes the client and its connections, waiting for calls still running. */
    @Override
    public void close() {
        http.close();
    }
}
