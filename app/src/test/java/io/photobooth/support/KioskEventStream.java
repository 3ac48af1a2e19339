package io.photobooth.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A kiosk reading {@code GET /api/v1/requests/{requestId}/events} as a Server-Sent Events client
 * does, line by line as the lines arrive: {@link #open} returns once the answer's headers are in,
 * and {@link Opened#events} completes when the server ends the stream.
 */
public final class KioskEventStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public KioskEventStream(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** One event as received: its {@code id:}, {@code event:}, the JSON of its {@code data:}, and when it arrived. */
    public record Event(long id, String event, JsonNode data, Instant receivedAt) {
    }

    /**
     * All a stream carried: its events, its comments (keep-alives), and every line that is neither
     * a field of an event nor a comment nor the blank line that ends one (none, in a well-formed stream).
     */
    public record Received(List<Event> events, List<String> comments, List<String> strayLines) {

        public List<String> types() {
            return events.stream().map(Event::event).toList();
        }
    }

    /** An answer whose headers arrived: a stream (200) still being read, or a refusal with its body. */
    public record Opened(int status, String contentType, CompletableFuture<Received> events, JsonNode problem) {
    }

    /** Opens the stream, with {@code Last-Event-ID} when {@code lastEventId} is not null. */
    public Opened open(String apiKey, String requestId, String lastEventId) {
        URI uri = URI.create(base + "/api/v1/requests/" + requestId + "/events");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/event-stream")
                .GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() != 200) {
                String body = String.join("\n", response.body().toList());
                return new Opened(response.statusCode(), contentType, CompletableFuture.completedFuture(null),
                        JSON.readTree(body));
            }
            return new Opened(200, contentType, CompletableFuture.supplyAsync(() -> read(response.body())), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Received read(Stream<String> lines) {
        List<Event> events = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        List<String> stray = new ArrayList<>();
        Long id = null;
        String event = null;
        StringBuilder data = null;
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isEmpty()) {
                if (id != null && event != null && data != null) {
                    events.add(new Event(id, event, json(data.toString()), Instant.now()));
                } else if (id != null || event != null || data != null) {
                    stray.add("incomplete event: id=" + id + " event=" + event + " data=" + data);
                }
                id = null;
                event = null;
                data = null;
            } else if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
            } else if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("event: ")) {
                event = line.substring(7);
            } else if (line.startsWith("data: ")) {
                String value = line.substring(6);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else {
                stray.add(line);
            }
        }
        if (id != null || event != null || data != null) {
            stray.add("unterminated event: id=" + id + " event=" + event + " data=" + data);
        }
        return new Received(List.copyOf(events), List.copyOf(comments), List.copyOf(stray));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
