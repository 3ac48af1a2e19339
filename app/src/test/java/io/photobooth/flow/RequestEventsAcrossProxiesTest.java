package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.KioskEventStream;
import io.photobooth.support.KioskEventStream.Event;
import io.photobooth.support.KioskEventStream.Opened;
import io.photobooth.support.KioskEventStream.Received;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.SecondProxy;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event stream of a request served by a proxy other than the one that converts it: proxy A is
 * the whole application with both roles and the embedded servers; proxy B is a second application
 * context in the same JVM with the proxy role only, on A's servers. Both run the guarded
 * statements of every completion event, and each event is stored once.
 */
@LocalIntegrationTest
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RequestEventsAcrossProxiesTest {

    static ConfigurableApplicationContext proxyB;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    KioskClient kioskA;
    KioskEventStream eventsB;

    @BeforeEach
    void startProxyB() {
        if (proxyB == null) {
            proxyB = SecondProxy.beside(environment);
        }
        kioskA = new KioskClient(port);
        eventsB = new KioskEventStream(SecondProxy.port(proxyB));
    }

    @AfterAll
    static void stopProxyB() {
        if (proxyB != null) {
            proxyB.close();
        }
    }

    @Test
    void shouldStreamOnTheOtherProxyEveryEventOnceOfARequestConvertedThroughTheFirst() throws Exception {
        Answer pre = kioskA.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        String requestId = pre.json().get("requestId").asText();
        for (JsonNode upload : KioskClient.list(pre.json().get("uploads"))) {
            assertThat(kioskA.upload(upload, TestPhotos.portrait(96, 64, Color.CYAN))).isEqualTo(200);
        }

        Opened stream = eventsB.open(KioskClient.DEMO_KEY, requestId, null);
        Answer done = kioskA.conversion(KioskClient.DEMO_KEY, requestId);
        Received received = stream.events().get(30, TimeUnit.SECONDS);

        assertThat(done.status()).isEqualTo(200);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(received.strayLines()).isEmpty();
        assertThat(received.types()).containsExactlyInAnyOrder("queued", "processing", "processing", "shot-done",
                "shot-done", "done");
        assertThat(received.types().getFirst()).as("stored by A, read by B's recheck").isEqualTo("queued");
        assertThat(received.types().getLast()).isEqualTo("done");
        assertThat(received.events()).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        assertThat(jdbc.queryForObject("select count(*) from request_event where request_id = cast(? as uuid)",
                Integer.class, requestId)).as("stored once, though both proxies ran every statement").isEqualTo(6);
    }
}
