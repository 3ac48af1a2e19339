package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.KioskEventStream;
import io.photobooth.support.KioskEventStream.Event;
import io.photobooth.support.KioskEventStream.Opened;
import io.photobooth.support.KioskEventStream.Received;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/v1/requests/{requestId}/events} on the embedded servers, read by a real HTTP
 * client line by line: the live progress of a request, a reconnect with {@code Last-Event-ID},
 * and the same refusals as the status endpoint.
 */
@LocalIntegrationTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestEventsTest {

    @LocalServerPort
    int port;

    KioskClient kiosk;
    KioskEventStream events;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
        events = new KioskEventStream(port);
    }

    @Test
    void shouldStreamEveryStepOfATwoShotRequestAsItHappensAndEndOnceItIsDone() throws Exception {
        String requestId = uploaded(KioskClient.DEMO_KEY, 2, true);

        Opened stream = events.open(KioskClient.DEMO_KEY, requestId, null);
        Answer conversion = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        Instant answered = Instant.now();
        Received received = stream.events().get(20, TimeUnit.SECONDS);

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.contentType()).isEqualTo("text/event-stream;charset=UTF-8");
        assertThat(conversion.status()).isEqualTo(200);
        assertThat(received.strayLines()).as("nothing but events").isEmpty();
        List<Event> all = received.events();
        assertThat(received.types()).containsExactlyInAnyOrder("queued", "processing", "processing", "shot-done",
                "shot-done", "done");
        assertThat(received.types().getFirst()).isEqualTo("queued");
        assertThat(received.types().getLast()).isEqualTo("done");
        assertThat(all).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        for (int shot = 1; shot <= 2; shot++) {
            assertThat(index(all, "processing", shot)).as("shot %d starts before it is done", shot)
                    .isLessThan(index(all, "shot-done", shot));
        }
        assertThat(all.getFirst().receivedAt()).as("queued arrived while the conversion ran").isBefore(answered);

        assertThat(all.getFirst().data()).isEqualTo(json(
                "{\"requestId\":\"" + requestId + "\",\"shots\":2,\"status\":\"QUEUED\"}"));
        assertThat(event(all, "processing", 1).data()).isEqualTo(json(
                "{\"requestId\":\"" + requestId + "\",\"shot\":1,\"shots\":2,\"status\":\"PROCESSING\"}"));
        assertThat(event(all, "shot-done", 2).data()).isEqualTo(json(
                "{\"requestId\":\"" + requestId + "\",\"shot\":2,\"shots\":2,\"status\":\"DONE\"}"));
        assertThat(all.getLast().data()).isEqualTo(json(
                "{\"requestId\":\"" + requestId + "\",\"shots\":2,\"status\":\"DONE\",\"refundEligible\":false}"));
    }

    @Test
    void shouldReplayExactlyTheEventsAfterLastEventIdAndEndAtOnceForAFinishedRequest() throws Exception {
        String requestId = uploaded(KioskClient.DEMO_KEY, 2, true);
        assertThat(kiosk.conversion(KioskClient.DEMO_KEY, requestId).status()).isEqualTo(200);

        Received everything = events.open(KioskClient.DEMO_KEY, requestId, null).events().get(5, TimeUnit.SECONDS);
        long firstId = everything.events().getFirst().id();
        Received resumed = events.open(KioskClient.DEMO_KEY, requestId, String.valueOf(firstId))
                .events().get(5, TimeUnit.SECONDS);

        assertThat(everything.events()).hasSize(6);
        assertThat(resumed.events()).extracting(Event::id)
                .containsExactlyElementsOf(everything.events().subList(1, 6).stream().map(Event::id).toList());
        assertThat(resumed.events()).extracting(Event::data)
                .containsExactlyElementsOf(everything.events().subList(1, 6).stream().map(Event::data).toList());
        assertThat(resumed.strayLines()).isEmpty();
    }

    @Test
    void shouldReportAShotThatFailedWithItsReasonAndEndWithFailed() throws Exception {
        String requestId = uploaded(KioskClient.DEMO_KEY, 1, false);
        assertThat(kiosk.conversion(KioskClient.DEMO_KEY, requestId).status()).isEqualTo(200);

        Received received = events.open(KioskClient.DEMO_KEY, requestId, null).events().get(5, TimeUnit.SECONDS);

        assertThat(received.types()).containsExactly("queued", "processing", "shot-done", "failed");
        JsonNode shotDone = received.events().get(2).data();
        assertThat(shotDone.get("status").asText()).isEqualTo("FAILED");
        assertThat(shotDone.get("error").asText()).contains("not a decodable JPEG or PNG image");
        assertThat(received.events().get(3).data().get("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void shouldRefuseAnotherVendorsRequestExactlyLikeTheStatusEndpoint() {
        String requestId = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}").json()
                .get("requestId").asText();

        for (String id : List.of(requestId, UUID.randomUUID().toString(), "not-a-uuid")) {
            Opened refused = events.open(KioskClient.ACME_KEY, id, null);
            Answer status = kiosk.status(KioskClient.ACME_KEY, id);

            assertThat(refused.status()).as(id).isEqualTo(404);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.problem().get("type").asText()).isEqualTo("urn:photobooth:problem:unknown-request");
            assertThat(refused.problem().get("detail")).isEqualTo(status.json().get("detail"));
            assertThat(refused.problem().get("instance").asText())
                    .isEqualTo("/api/v1/requests/" + id + "/events");
        }
    }

    @Test
    void shouldRefuseAStreamWithoutAKey() {
        String requestId = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}").json()
                .get("requestId").asText();

        Opened refused = events.open(null, requestId, null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.problem().get("type").asText()).isEqualTo("urn:photobooth:problem:unauthorized");
    }

    /** A pre-request whose shots are uploaded: photos, or bytes that are no photo. */
    private String uploaded(String apiKey, int shots, boolean photos) {
        Answer pre = kiosk.preRequest(apiKey, "{\"concept\":\"sketch\",\"shots\":" + shots + "}");
        assertThat(pre.status()).isEqualTo(201);
        for (JsonNode upload : KioskClient.list(pre.json().get("uploads"))) {
            byte[] body = photos ? TestPhotos.portrait(160, 120, Color.ORANGE) : "no photo".getBytes();
            assertThat(kiosk.upload(upload, body)).isEqualTo(200);
        }
        return pre.json().get("requestId").asText();
    }

    private static int index(List<Event> events, String type, int shot) {
        return events.indexOf(event(events, type, shot));
    }

    private static Event event(List<Event> events, String type, int shot) {
        return events.stream()
                .filter(event -> event.event().equals(type) && event.data().get("shot").asInt() == shot)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " of shot " + shot + " in " + events));
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
