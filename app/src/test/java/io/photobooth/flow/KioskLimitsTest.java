package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The limits in front of the kiosk API: body size (declared or chunked) and calls per API key. */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.kiosk.rate-limit.requests-per-second=1",
    "photobooth.kiosk.rate-limit.burst=5",
    "photobooth.kiosk.max-body-bytes=1024",
})
@DirtiesContext
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
    void shouldRefuseAVendorKeyBeyondItsBurstWithRetryAfterAndKeepOtherKeysServed() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(kiosk.concepts(KioskClient.ACME_KEY).status()).as("call %d within the burst", i + 1)
                    .isEqualTo(200);
        }

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/concepts"))
                .header("X-Api-Key", KioskClient.ACME_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("urn:photobooth:problem:rate-limited");
        assertThat(kiosk.concepts(KioskClient.DEMO_KEY).status()).as("another vendor's key").isEqualTo(200);
    }

    @Test
    void shouldLimitMadeUpKeysTogetherWhateverTheyAre() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(kiosk.concepts("made-up-key-" + i).status());
        }

        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 10)).contains(429);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/requests", "/api;x=1/v1/requests", "/%61pi/v1/requests", "/api/v1/./requests"})
    void shouldRefuseALargeBodyWhateverThePathSpelling(String path) {
        int before = requests();

        Answer answer = kiosk.call("POST", path, null, "application/json",
                "{\"concept\":\"sketch\",\"pad\":\"" + "z".repeat(2000) + "\"}");

        BadInputTest.assertProblem(answer, 413, "payload-too-large");
        assertThat(requests()).isEqualTo(before);
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
