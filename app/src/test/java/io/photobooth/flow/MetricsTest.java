package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The generator's meters as Prometheus scrapes them from {@code /actuator/prometheus}, and the
 * request id and shot on the worker's log lines. Spring Boot's tests export no metrics unless
 * asked: {@code @AutoConfigureObservability} asks, and gives this test an application of its own.
 */
@LocalIntegrationTest
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class MetricsTest {

    /** One sample line of the text format: a name, optional labels, a value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @LocalServerPort
    int port;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    /** A sample of the scrape. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    @Test
    void shouldCountAndTimeTheJobsOfAConceptAtThePrometheusEndpoint() {
        List<Sample> before = scrape();

        Answer answer = convert("these bytes are no photo".getBytes());
        assertThat(answer.json().get("status").asText()).as("shot 2 is no photo").isEqualTo("FAILED");

        // the worker counts a completion just after publishing it: the kiosk may hear of it first
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<Sample> after = scrape();
            assertThat(added(before, after, "photobooth_jobs_received_total", "concept", "sketch")).isEqualTo(2.0);
            assertThat(added(before, after, "photobooth_jobs_completed_total", "concept", "sketch", "outcome", "done"))
                    .isEqualTo(1.0);
            assertThat(added(before, after, "photobooth_jobs_completed_total", "concept", "sketch", "outcome",
                    "failed")).isEqualTo(1.0);
            assertThat(added(before, after, "photobooth_jobs_errors_total", "concept", "sketch")).isZero();
            assertThat(added(before, after, "photobooth_jobs_queue_wait_seconds_count", "concept", "sketch"))
                    .isEqualTo(2.0);
            assertThat(added(before, after, "photobooth_inference_seconds_count", "concept", "sketch"))
                    .as("the model ran on the photo only").isEqualTo(1.0);
            assertThat(added(before, after, "photobooth_inference_seconds_sum", "concept", "sketch")).isPositive();
            assertThat(added(before, after, "photobooth_jobs_duration_seconds_count", "concept", "sketch",
                    "outcome", "done")).isEqualTo(1.0);
            assertThat(added(before, after, "photobooth_jobs_end_to_end_seconds_count", "concept", "sketch",
                    "outcome", "failed")).isEqualTo(1.0);
            assertThat(after).as("a histogram, for quantiles over instances")
                    .anyMatch(sample -> sample.name().equals("photobooth_inference_seconds_bucket")
                            && "sketch".equals(sample.labels().get("concept"))
                            && sample.labels().containsKey("le"));
        });
    }

    @Test
    void shouldLogTheRequestIdAndShotOfTheWorkersLines(CapturedOutput output) {
        Answer answer = convert("not a photo either".getBytes());
        String requestId = answer.json().get("requestId").asText();

        assertThat(output.getOut()).containsPattern("\\[" + Pattern.quote(requestId + "-2") + "] \\S+\\s*: Shot 2 of "
                + Pattern.quote(requestId) + " failed");
    }

    /** A sketch request of two shots, the first a portrait, the second the given upload, converted. */
    private Answer convert(byte[] second) {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        assertThat(pre.status()).isEqualTo(201);
        String requestId = pre.json().get("requestId").asText();
        List<JsonNode> uploads = KioskClient.list(pre.json().get("uploads"));
        assertThat(kiosk.upload(uploads.get(0), TestPhotos.portrait(96, 64, Color.CYAN))).isEqualTo(200);
        assertThat(kiosk.upload(uploads.get(1), second)).isEqualTo(200);
        Answer answer = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        assertThat(answer.status()).isEqualTo(200);
        return answer;
    }

    private List<Sample> scrape() {
        Answer answer = kiosk.get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return new String(answer.body(), StandardCharsets.UTF_8).lines()
                .map(SAMPLE::matcher)
                .filter(Matcher::matches)
                .map(line -> new Sample(line.group(1), labels(line.group(2)), Double.parseDouble(line.group(3))))
                .toList();
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }

    /** How much the sample of the name with exactly these labels grew from one scrape to the next. */
    private static double added(List<Sample> before, List<Sample> after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The sample's value, 0 where the meter does not exist yet. */
    private static double value(List<Sample> samples, String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream()
                .filter(sample -> sample.name().equals(name) && sample.labels().equals(wanted))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElse(0.0);
    }
}
