package io.photobooth.bench.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A kiosk over real HTTP ({@code java.net.http}, HTTP/1.1, one connection per request in flight):
 * the pre-request, the presigned upload straight to S3, and the main request.
 */
public final class KioskClient {

    /** A paid request: its id and the presigned PUT of its one shot. */
    public record Paid(String requestId, URI uploadUrl) {
    }

    /** The main request's answer: HTTP status, and when it was sent and answered ({@link System#nanoTime()}). */
    public record Answer(int status, long sentNanos, long answeredNanos, String body, java.time.Instant sentAt,
                         java.time.Instant answeredAt) {

        public long nanos() {
            return answeredNanos - sentNanos;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final Duration answerTimeout;

    public KioskClient(URI base, String apiKey, Duration answerTimeout) {
        this.base = base;
        this.apiKey = apiKey;
        this.answerTimeout = answerTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /** {@code POST /api/v1/requests} for one shot of {@code concept}: 201 and the presigned upload. */
    public Paid preRequest(String concept) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/requests"))
                        .header("X-Api-Key", apiKey)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"concept\":\"" + concept + "\",\"shots\":1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("pre-request answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode paid = JSON.readTree(response.body());
        return new Paid(paid.get("requestId").asText(), URI.create(paid.get("uploads").get(0).get("url").asText()));
    }

    /** The kiosk's upload: a PUT of the JPEG to the presigned URL, 200 from S3. */
    public void upload(Paid paid, byte[] jpeg) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(paid.uploadUrl())
                        .header("Content-Type", "image/jpeg")
                        .timeout(Duration.ofSeconds(60))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("upload answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** {@code POST /api/v1/requests/{id}/conversion}: waits for the conversion (200) or its timeout (202). */
    public Answer convert(Paid paid) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/requests/" + paid.requestId() + "/conversion"))
                .header("X-Api-Key", apiKey)
                .timeout(answerTimeout)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        java.time.Instant sentAt = java.time.Instant.now();
        long sent = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        return new Answer(response.statusCode(), sent, answered, response.body(), sentAt, java.time.Instant.now());
    }
}
