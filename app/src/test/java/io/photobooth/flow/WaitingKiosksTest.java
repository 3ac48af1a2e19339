package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.photobooth.completion.ConversionWaiters;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Kiosks waiting on their main request hold no platform thread: with Tomcat limited to 4 platform
 * threads, 50 kiosks wait at the same time (the generator never boots here), and each gets its
 * {@code 202} with the status URL when the conversion timeout passes.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.local.boot-delay=PT1H",
    "photobooth.kiosk.conversion-timeout=PT4S",
    "server.tomcat.threads.max=4",
})
@DirtiesContext
class WaitingKiosksTest {

    static final int KIOSKS = 50;

    @LocalServerPort
    int port;

    @Autowired
    ConversionWaiters waiters;

    @Test
    void shouldHoldManyWaitingKiosksAtOnceAndAnswerEachWithItsStatusUrl() throws Exception {
        KioskClient kiosk = new KioskClient(port);
        byte[] photo = TestPhotos.portrait(32, 24, Color.PINK);
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < KIOSKS; i++) {
            Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
            kiosk.upload(pre.json().get("uploads").get(0), photo);
            requestIds.add(pre.json().get("requestId").asText());
        }

        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> answers = requestIds.stream()
                .map(id -> http.sendAsync(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/requests/" + id + "/conversion"))
                        .header("X-Api-Key", KioskClient.DEMO_KEY)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString()))
                .toList();

        int mostWaiting = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < deadline && mostWaiting < KIOSKS) {
            mostWaiting = Math.max(mostWaiting, waiters.size());
            Thread.sleep(20);
        }

        assertThat(mostWaiting).as("kiosks waiting at once on 4 platform threads").isEqualTo(KIOSKS);
        for (int i = 0; i < KIOSKS; i++) {
            HttpResponse<String> answer = answers.get(i).get();
            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answer.body()).contains("\"status\":\"QUEUED\"")
                    .contains("\"statusUrl\":\"/api/v1/requests/" + requestIds.get(i) + "\"");
        }
        assertThat(waiters.size()).isZero();
    }
}
