package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.QueueNames;
import io.photobooth.support.KioskClient.Answer;

import org.springframework.jdbc.core.JdbcTemplate;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the security tests share: a snapshot of everything an attempt could have written (rows,
 * events, S3 objects, queued jobs), the problem assertion, and a raw HTTP/1.1 exchange for what
 * Java's HTTP client refuses to send (CR, LF and control characters in a header).
 */
final class SecurityProbes {

    private SecurityProbes() {
    }

    /**
     * Rows of every table a kiosk call writes, the keys of every object in the bucket, and the jobs
     * waiting or in flight on every jobs queue of the catalogue: equal before and after a refused
     * attempt when it changed nothing.
     */
    record Stored(int requests, int shots, int events, List<String> objects, Map<String, Integer> jobs) {

        static Stored of(JdbcTemplate jdbc, S3Client s3, SqsClient sqs, PhotoboothProperties properties) {
            Map<String, Integer> jobs = new TreeMap<>();
            for (var queue : properties.vendorConcepts()) {
                String name = QueueNames.jobs(properties.env(), queue.vendor(), queue.concept());
                String url = sqs.getQueueUrl(get -> get.queueName(name)).queueUrl();
                var attributes = sqs.getQueueAttributes(get -> get.queueUrl(url).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                jobs.put(name, Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        + Integer.parseInt(attributes.get(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
            }
            return new Stored(
                    jdbc.queryForObject("select count(*) from conversion_request", Integer.class),
                    jdbc.queryForObject("select count(*) from shot", Integer.class),
                    jdbc.queryForObject("select count(*) from request_event", Integer.class),
                    s3.listObjectsV2Paginator(list -> list.bucket(properties.bucket())).contents().stream()
                            .map(S3Object::key).sorted().toList(),
                    jobs);
        }
    }

    /** A refusal: the status, problem+json, the stable type, and the members every problem has. */
    static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as("status of %s", body(answer)).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asText()).isEqualTo("urn:photobooth:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    static String body(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    /** An answer read off the socket: the status line's code, the headers (names in lower case), the body. */
    record RawAnswer(int status, Map<String, List<String>> headers, String body) {

        boolean hasHeader(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code head} (request line and headers, each line ended by CRLF here, the blank line
     * added) and {@code body} as they are, on a connection that the request closes, and reads the
     * answer.
     */
    static RawAnswer raw(int port, String head, String body) {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String request = head + (body.isEmpty() ? "" : "Content-Length: " + bodyBytes.length + "\r\n")
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(bodyBytes);
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed within 30 s: " + out, e);
        }
        return out.toByteArray();
    }

    private static RawAnswer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: %s", text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    name -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = unchunk(body);
        }
        return new RawAnswer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
