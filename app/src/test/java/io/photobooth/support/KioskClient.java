package io.photobooth.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A kiosk as a vendor would write it: plain HTTP calls to the public API and to presigned URLs. */
public final class KioskClient {

    public static final String DEMO_KEY = "demo-local-key";
    public static final String ACME_KEY = "acme-local-key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public KioskClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A status code, content type and JSON body (null when the body is not JSON). */
    public record Answer(int status, String contentType, JsonNode json, byte[] body) {
    }

    public Answer preRequest(String apiKey, String body) {
        return send(json("/api/v1/requests", apiKey).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer preRequest(String apiKey, String idempotencyKey, String body) {
        return send(json("/api/v1/requests", apiKey).header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer uploadUrls(String apiKey, String requestId) {
        return send(json("/api/v1/requests/" + requestId + "/upload-urls", apiKey)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer conversion(String apiKey, String requestId) {
        return send(json("/api/v1/requests/" + requestId + "/conversion", apiKey)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer status(String apiKey, String requestId) {
        return send(json("/api/v1/requests/" + requestId, apiKey).GET());
    }

    public Answer concepts(String apiKey) {
        return send(json("/api/v1/concepts", apiKey).GET());
    }

    public Answer share(String apiKey, String requestId) {
        return send(json("/api/v1/requests/" + requestId + "/share", apiKey).GET());
    }

    /** {@code GET /api/v1/usage?{query}}, with an {@code Accept} header where not null. */
    public Answer usage(String apiKey, String query, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/usage?" + query))
                .header("X-Api-Key", apiKey).GET();
        return send(accept == null ? request : request.header("Accept", accept));
    }

    /** A GET with an {@code Accept} header (as a phone's browser sends {@code text/html}) and no key. */
    public Answer get(String url, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url.startsWith("/") ? base + url : url))
                .header("Accept", accept).GET());
    }

    /** Any call, for what a well-behaved kiosk would not send. */
    public Answer call(String method, String path, String apiKey, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** PUTs a photo through a presigned upload exactly as the pre-request answer described it. */
    public int upload(JsonNode upload, byte[] photo) {
        return upload(upload.get("url").asText(), upload.get("headers").get("Content-Type").asText(), photo);
    }

    public int upload(String url, String contentType, byte[] photo) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo))).status();
    }

    /** GETs a presigned URL. */
    public Answer download(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpRequest.Builder json(String path, String apiKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        return apiKey == null ? builder : builder.header("X-Api-Key", apiKey);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = contentType.contains("json") ? JSON.readTree(response.body()) : null;
            return new Answer(response.statusCode(), contentType, json, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The generator state {@code GET /api/v1/concepts} shows for one of the vendor's concepts. */
    public String generatorState(String apiKey, String concept) {
        return list(concepts(apiKey).json().get("concepts")).stream()
                .filter(entry -> entry.get("name").asText().equals(concept))
                .findFirst().orElseThrow(() -> new AssertionError(concept + " is not among the vendor's concepts"))
                .get("generator").asText();
    }

    public static List<JsonNode> list(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).toList();
    }
}
