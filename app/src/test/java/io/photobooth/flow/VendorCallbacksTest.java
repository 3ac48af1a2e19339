package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.callback.CallbackSigner;
import io.photobooth.support.CallbackReceiver;
import io.photobooth.support.CallbackReceiver.Delivery;
import io.photobooth.support.CallbackReceiver.Mode;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Vendor callbacks against a real receiver ({@link CallbackReceiver}, on 127.0.0.1) configured as the
 * callback of vendor {@code demo}: it checks each POST's signature with its own HMAC code and the
 * replay window, and counts the deliveries it accepted per event. A converted request is delivered
 * once, signed, and visible on {@code GET .../callbacks}; a receiver that answers 503 and then
 * refuses connections gets every event exactly once after it is back, with the failed attempts
 * recorded; a receiver that hangs delays no kiosk. Deliveries are polled every 0.2 s, retried after
 * 0.2 s doubling to 0.4 s, with a 1 s timeout. The application is this class's own.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.callbacks.poll-interval=200ms",
    "photobooth.callbacks.first-retry-delay=200ms",
    "photobooth.callbacks.max-retry-delay=400ms",
    "photobooth.callbacks.timeout=1s",
    "photobooth.callbacks.max-attempts=100",
})
@DirtiesContext
class VendorCallbacksTest {

    static final String SECRET = "demo-callback-secret-of-at-least-32-chars";
    static final CallbackReceiver RECEIVER = new CallbackReceiver(SECRET, Clock.systemUTC());
    /** What a receiver may get besides the three Photobooth-* headers: HTTP's own. */
    static final Set<String> HTTP_HEADERS = Set.of("host", "content-type", "content-length", "connection",
            "user-agent", "accept-encoding");

    @DynamicPropertySource
    static void demoCallback(DynamicPropertyRegistry registry) {
        registry.add("photobooth.vendors.demo.callback.url", RECEIVER::url);
        registry.add("photobooth.vendors.demo.callback.secret", () -> SECRET);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @LocalServerPort
    int port;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    @AfterEach
    void receiverUp() {
        RECEIVER.mode(Mode.UP);
        RECEIVER.release();
        RECEIVER.start();
    }

    @Test
    void shouldDeliverOneSignedDoneEventPerConvertedRequest() {
        String requestId = convert();
        Answer status = kiosk.status(KioskClient.DEMO_KEY, requestId);

        JsonNode delivery = awaitDelivered(requestId);

        String eventId = delivery.get("eventId").asText();
        assertThat(delivery.get("type").asText()).isEqualTo("request.done");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.has("nextAttemptAt")).isFalse();
        assertThat(delivery.get("deliveredAt").asText()).isNotBlank();
        assertThat(delivery.get("attemptLog")).singleElement().satisfies(attempt -> {
            assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
            assertThat(attempt.get("statusCode").asInt()).isEqualTo(204);
            assertThat(attempt.has("error")).isFalse();
            assertThat(attempt.get("attemptedAt").asText()).isNotBlank();
        });
        Delivery received = receivedOf(eventId).getFirst();
        JsonNode body = received.json();
        assertThat(body.get("eventId").asText()).isEqualTo(eventId);
        assertThat(body.get("type").asText()).isEqualTo("request.done");
        assertThat(body.get("requestId").asText()).isEqualTo(requestId);
        assertThat(body.get("vendor").asText()).isEqualTo("demo");
        assertThat(body.get("concept").asText()).isEqualTo("sketch");
        assertThat(body.get("status").asText()).isEqualTo("DONE");
        assertThat(body.get("shots").asInt()).isEqualTo(1);
        assertThat(body.get("refundEligible").asBoolean()).isFalse();
        assertThat(Instant.parse(body.get("occurredAt").asText()))
                .isEqualTo(Instant.parse(status.json().get("finishedAt").asText()));
        assertThat(Instant.parse(body.get("deadlineAt").asText()))
                .isEqualTo(Instant.parse(status.json().get("deadlineAt").asText()));
        assertThat(body.get("results").toString()).isEqualTo("[{\"shot\":1,\"status\":\"DONE\"}]");
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).doesNotContain("http");
        assertThat(received.headerNames()).as("only the signature headers leave the proxy")
                .allSatisfy(name -> assertThat(name.toLowerCase().startsWith("photobooth-")
                        || HTTP_HEADERS.contains(name.toLowerCase())).as(name).isTrue())
                .contains("Photobooth-event-id", "Photobooth-timestamp", "Photobooth-signature");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> RECEIVER.acceptedDeliveries(eventId) == 1 && receivedOf(eventId).size() == 1);
        assertThat(RECEIVER.rejected()).isZero();
    }

    @Test
    void shouldShowTheCallbacksOfAVendorsOwnRequestsOnly() {
        String demoRequest = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}")
                .json().get("requestId").asText();

        Answer own = callbacks(KioskClient.DEMO_KEY, demoRequest);
        Answer other = callbacks(KioskClient.ACME_KEY, demoRequest);
        Answer unknown = callbacks(KioskClient.DEMO_KEY, "not-a-request");
        Answer keyless = callbacks(null, demoRequest);

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("requestId").asText()).isEqualTo(demoRequest);
        assertThat(own.json().get("deliveries")).as("not finished: nothing to deliver yet").isEmpty();
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.json().get("type").asText()).endsWith("unknown-request");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(keyless.status()).isEqualTo(401);
    }

    @Test
    void shouldSignTheBodySoThatAReceiverRefusesAnyChangeOrAnOldTimestamp() {
        String requestId = convert();
        String eventId = awaitDelivered(requestId).get("eventId").asText();
        Delivery received = receivedOf(eventId).getFirst();
        String signature = CallbackSigner.signature(SECRET, received.timestamp(), received.body());
        byte[] altered = new String(received.body(), StandardCharsets.UTF_8)
                .replace("\"status\":\"DONE\"", "\"status\":\"FAILED\"").getBytes(StandardCharsets.UTF_8);
        long stale = Instant.now().minus(CallbackReceiver.REPLAY_WINDOW).minusSeconds(60).getEpochSecond();

        assertThat(RECEIVER.verifies(Long.toString(received.timestamp()), signature, received.body()))
                .as("the proxy's signature of what the receiver got").isTrue();
        assertThat(altered).isNotEqualTo(received.body());
        assertThat(RECEIVER.verifies(Long.toString(received.timestamp()), signature, altered)).isFalse();
        assertThat(RECEIVER.verifies(Long.toString(received.timestamp() + 1), signature, received.body())).isFalse();
        assertThat(RECEIVER.verifies(Long.toString(stale), CallbackSigner.signature(SECRET, stale, received.body()),
                received.body())).as("outside the replay window").isFalse();
    }

    @Test
    void shouldDeliverEveryEventExactlyOnceAfterAnOutage() {
        RECEIVER.mode(Mode.UNAVAILABLE);
        String first = convert();
        awaitAttempts(first, 2);
        RECEIVER.stop();
        String second = convert();
        String third = convert();
        awaitAttempts(second, 2);
        awaitAttempts(third, 2);

        RECEIVER.mode(Mode.UP);
        RECEIVER.start();

        List<JsonNode> deliveries = Stream.of(first, second, third).map(this::awaitDelivered).toList();
        for (JsonNode delivery : deliveries) {
            String eventId = delivery.get("eventId").asText();
            List<JsonNode> log = KioskClient.list(delivery.get("attemptLog"));
            assertThat(delivery.get("attempts").asInt()).isEqualTo(log.size()).isGreaterThanOrEqualTo(3);
            assertThat(log.getLast().get("statusCode").asInt()).isEqualTo(204);
            assertThat(log.subList(0, log.size() - 1)).as("failed attempts, recorded").allSatisfy(attempt -> {
                if (attempt.has("statusCode")) {
                    assertThat(attempt.get("statusCode").asInt()).isEqualTo(503);
                } else {
                    assertThat(attempt.get("error").asText()).isNotBlank();
                }
            });
            assertThat(RECEIVER.acceptedDeliveries(eventId)).as("accepted deliveries of " + eventId).isEqualTo(1);
            assertThat(receivedOf(eventId)).as("one POST per answered attempt, none unrecorded")
                    .hasSize((int) log.stream().filter(attempt -> attempt.has("statusCode")).count());
        }
        List<JsonNode> firstLog = KioskClient.list(deliveries.getFirst().get("attemptLog"));
        assertThat(firstLog).as("503s while it answered, errors while it was stopped")
                .anyMatch(attempt -> attempt.path("statusCode").asInt() == 503)
                .anyMatch(attempt -> attempt.has("error") && !attempt.has("statusCode"));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> deliveries.stream()
                .allMatch(delivery -> RECEIVER.acceptedDeliveries(delivery.get("eventId").asText()) == 1));
        assertThat(RECEIVER.rejected()).isZero();
    }

    @Test
    void shouldAnswerTheKioskWhileTheReceiverHangs() {
        RECEIVER.mode(Mode.HANG);
        String held = convert();
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVER.hanging() > 0);

        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.ORANGE));
        Answer main = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

        assertThat(RECEIVER.hanging()).as("the receiver still holds a callback").isPositive();
        assertThat(main.status()).isEqualTo(200);
        assertThat(main.json().get("status").asText()).isEqualTo("DONE");
        awaitAttempts(held, 1);
        assertThat(KioskClient.list(callbacks(KioskClient.DEMO_KEY, held).json().at("/deliveries/0/attemptLog")))
                .as("the proxy gave up waiting after the timeout")
                .allSatisfy(attempt -> assertThat(attempt.get("error").asText()).containsIgnoringCase("timeout"));

        RECEIVER.mode(Mode.UP);
        RECEIVER.release();
        for (String request : List.of(held, requestId)) {
            String eventId = awaitDelivered(request).get("eventId").asText();
            assertThat(RECEIVER.acceptedDeliveries(eventId)).isEqualTo(1);
        }
    }

    /** A one-shot request of vendor demo, converted: its main request answered 200 DONE. */
    String convert() {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.GRAY)))
                .isEqualTo(200);
        Answer done = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        return requestId;
    }

    Answer callbacks(String apiKey, String requestId) {
        return kiosk.call("GET", "/api/v1/requests/" + requestId + "/callbacks", apiKey, null, null);
    }

    JsonNode delivery(String requestId) {
        Answer answer = callbacks(KioskClient.DEMO_KEY, requestId);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().at("/deliveries/0");
    }

    JsonNode awaitDelivered(String requestId) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DELIVERED".equals(delivery(requestId).path("status").asText()));
        assertThat(callbacks(KioskClient.DEMO_KEY, requestId).json().get("deliveries")).hasSize(1);
        return delivery(requestId);
    }

    void awaitAttempts(String requestId, int attempts) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> delivery(requestId).path("attempts").asInt() >= attempts);
    }

    List<Delivery> receivedOf(String eventId) {
        return RECEIVER.verified().stream().filter(delivery -> delivery.eventId().equals(eventId)).toList();
    }
}
