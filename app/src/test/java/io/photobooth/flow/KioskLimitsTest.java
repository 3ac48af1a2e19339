package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** The limits in front of the kiosk API: body size (declared or chunked) and calls per API key. */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.kiosk.rate-limit.requests-per-second=1",
    "photobooth.kiosk.rate-limit.burst=5",
    "photobooth.kiosk.max-body-bytes=1024",
})
class KioskLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    int requests() {
        return jdbc.queryForObject("select count(*) from conversion_request", Integer.class);
    }

    @Test
    void shouldRefuseCallsBeyondTheBurstWithRetryAfterAndKeepOtherKeysServed() throws Exception {
        String key = "rate-limited-but-unknown-key";
        for (int i = 0; i < 5; i++) {
            assertThat(kiosk.concepts(key).status()).as("call %d within the burst", i + 1).isEqualTo(401);
        }

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/concepts"))
                .header("X-Api-Key", key).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("urn:photobooth:problem:rate-limited");
        assertThat(kiosk.concepts(KioskClient.ACME_KEY).status()).as("another key").isEqualTo(200);
    }

    @Test
    void shouldRefuseADeclaredBodyOverTheLimitBeforeReadingIt() {
        int before = requests();
        String huge = "{\"concept\":\"sketch\",\"pad\":\"" + "x".repeat(2000) + "\"}";

        Answer answer = kiosk.preRequest(KioskClient.DEMO_KEY, huge);

        BadInputTest.assertProblem(answer, 413, "payload-too-large");
        assertThat(answer.json().get("maxBodyBytes").asInt()).isEqualTo(1024);
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAChunkedBodyOverTheLimitAndAcceptOneWithin() throws Exception {
        int before = requests();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> tooLarge = http.send(chunked("{\"concept\":\"sketch\",\"pad\":\"" + "y".repeat(3000) + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> small = http.send(chunked("{\"concept\":\"sketch\"}"), HttpResponse.BodyHandlers.ofString());

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("urn:photobooth:problem:payload-too-large");
        assertThat(small.statusCode()).isEqualTo(201);
        assertThat(requests()).isEqualTo(before + 1);
    }

    private HttpRequest chunked(String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/requests"))
                .header("X-Api-Key", KioskClient.DEMO_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes())))
                .build();
    }
}
