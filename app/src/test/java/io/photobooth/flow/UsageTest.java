package io.photobooth.flow;

import static io.photobooth.flow.BadInputTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code GET /api/v1/usage} against the embedded servers, over requests converted by the real
 * model. The application's database is shared with the other tests of its context, so the requests
 * made here are moved to days no other test uses (their {@code created_at} set afterwards): the
 * finished ones to 2001-02-03 and 2001-02-04, around the UTC day boundary; a pending one to
 * 2100-01-01, where the expiry sweep, which expires requests created long ago, leaves it pending.
 */
@LocalIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageTest {

    private static final String RANGE = "from=2001-02-03&to=2001-02-04";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    KioskClient kiosk;
    List<String> demoConverted = new ArrayList<>();

    @BeforeAll
    void makeRequests() {
        kiosk = new KioskClient(port);
        byte[] photo = TestPhotos.portrait(320, 240, Color.ORANGE);
        String twoShots = convert(KioskClient.DEMO_KEY, 2, photo, "DONE");
        String failed = convert(KioskClient.DEMO_KEY, 1, Arrays.copyOf(photo, photo.length / 2), "FAILED");
        String nextDay = convert(KioskClient.DEMO_KEY, 1, photo, "DONE");
        String acme = convert(KioskClient.ACME_KEY, 1, photo, "DONE");
        demoConverted.addAll(List.of(twoShots, nextDay));

        madeAt(twoShots, "2001-02-03T00:00:00Z");
        madeAt(failed, "2001-02-03T23:59:59.999Z");
        madeAt(nextDay, "2001-02-04T00:00:00Z");
        madeAt(acme, "2001-02-03T12:00:00Z");
        madeAt(preRequest(KioskClient.DEMO_KEY, "toon", 3), "2001-02-02T23:59:59.999Z");
        madeAt(preRequest(KioskClient.DEMO_KEY, "toon", 3), "2100-01-01T00:00:00Z");
    }

    private String preRequest(String apiKey, String concept, int shots) {
        Answer pre = kiosk.preRequest(apiKey, "{\"concept\":\"" + concept + "\",\"shots\":" + shots + "}");
        assertThat(pre.status()).isEqualTo(201);
        return pre.json().get("requestId").asText();
    }

    /** Pre-requests sketch shots, uploads the photo for each and converts them; the request ends with the status. */
    private String convert(String apiKey, int shots, byte[] photo, String status) {
        Answer pre = kiosk.preRequest(apiKey, "{\"concept\":\"sketch\",\"shots\":" + shots + "}");
        String requestId = pre.json().get("requestId").asText();
        pre.json().get("uploads").forEach(upload -> assertThat(kiosk.upload(upload, photo)).isEqualTo(200));
        Answer answer = kiosk.conversion(apiKey, requestId);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo(status);
        return requestId;
    }

    private void madeAt(String requestId, String createdAt) {
        assertThat(jdbc.update("update conversion_request set created_at = cast(? as timestamptz)"
                + " where request_id = cast(? as uuid)", createdAt, requestId)).isEqualTo(1);
    }

    private BigDecimal gpuSecondsOf(List<String> requestIds) {
        return jdbc.queryForObject("select sum(gpu_millis) / 1000.0 from shot where request_id = any(cast(? as uuid[]))",
                BigDecimal.class, "{" + String.join(",", requestIds) + "}");
    }

    private static void assertCounts(JsonNode counts, int requests, int shots, int converted, int done, int failed,
            int expired, int pending, int refundEligible, String share) {
        assertThat(List.of(counts.get("requests").asInt(), counts.get("shots").asInt(),
                counts.get("convertedShots").asInt(), counts.get("done").asInt(), counts.get("failed").asInt(),
                counts.get("expired").asInt(), counts.get("pending").asInt(), counts.get("refundEligible").asInt()))
                .as(counts.toString())
                .containsExactly(requests, shots, converted, done, failed, expired, pending, refundEligible);
        assertThat(counts.get("refundEligibleShare").decimalValue()).isEqualByComparingTo(share);
    }

    @Test
    void shouldCountTheVendorsRequestsPerUtcDayAndConcept() {
        Answer usage = kiosk.usage(KioskClient.DEMO_KEY, RANGE, null);

        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.contentType()).startsWith("application/json");
        JsonNode json = usage.json();
        assertThat(json.get("vendor").asText()).isEqualTo("demo");
        assertThat(json.get("from").asText()).isEqualTo("2001-02-03");
        assertThat(json.get("to").asText()).isEqualTo("2001-02-04");
        JsonNode rows = json.get("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("day").asText()).isEqualTo("2001-02-03");
        assertThat(rows.get(0).get("concept").asText()).isEqualTo("sketch");
        assertCounts(rows.get(0), 2, 3, 2, 1, 1, 0, 0, 1, "0.5");
        assertThat(rows.get(1).get("day").asText()).isEqualTo("2001-02-04");
        assertCounts(rows.get(1), 1, 1, 1, 1, 0, 0, 0, 0, "0");
        assertCounts(json.get("totals"), 3, 4, 3, 2, 1, 0, 0, 1, "0.3333");
    }

    @Test
    void shouldReportTheModelsTimeOnTheConvertedShots() {
        JsonNode json = kiosk.usage(KioskClient.DEMO_KEY, RANGE, null).json();

        BigDecimal gpuSeconds = json.get("totals").get("gpuSeconds").decimalValue();
        assertThat(gpuSeconds).isPositive().isEqualByComparingTo(gpuSecondsOf(demoConverted));
        assertThat(json.get("rows").get(0).get("gpuSeconds").decimalValue()).isPositive();
        assertThat(json.get("rows").get(1).get("gpuSeconds").decimalValue()).isPositive();
    }

    @Test
    void shouldShowEachVendorItsOwnRequestsOnly() {
        JsonNode acme = kiosk.usage(KioskClient.ACME_KEY, RANGE, null).json();

        assertThat(acme.get("vendor").asText()).isEqualTo("acme");
        assertThat(acme.get("rows")).hasSize(1);
        assertThat(acme.get("rows").get(0).get("day").asText()).isEqualTo("2001-02-03");
        assertCounts(acme.get("totals"), 1, 1, 1, 1, 0, 0, 0, 0, "0");
    }

    @Test
    void shouldIgnoreAVendorNamedInTheQuery() {
        JsonNode demo = kiosk.usage(KioskClient.DEMO_KEY, RANGE + "&vendor=acme&usageSince=1970-01-01T00:00:00Z",
                null).json();

        assertThat(demo.get("vendor").asText()).isEqualTo("demo");
        assertThat(demo.get("totals").get("requests").asInt()).isEqualTo(3);
    }

    @Test
    void shouldCountAPendingRequestAndLeaveOutTheDaysAround() {
        JsonNode pending = kiosk.usage(KioskClient.DEMO_KEY, "from=2099-12-31&to=2100-01-02", null).json();
        JsonNode dayBefore = kiosk.usage(KioskClient.DEMO_KEY, "from=2001-02-02&to=2001-02-02", null).json();

        assertThat(pending.get("rows")).hasSize(1);
        assertThat(pending.get("rows").get(0).get("concept").asText()).isEqualTo("toon");
        assertCounts(pending.get("totals"), 1, 3, 0, 0, 0, 0, 1, 0, "0");
        assertThat(pending.get("totals").get("gpuSeconds").decimalValue()).isZero();
        assertThat(dayBefore.get("rows")).hasSize(1);
        assertThat(dayBefore.get("totals").get("requests").asInt()).isEqualTo(1);
    }

    @Test
    void shouldExportTheSameRowsAsCsv() {
        JsonNode json = kiosk.usage(KioskClient.DEMO_KEY, RANGE, null).json();
        Answer accepted = kiosk.usage(KioskClient.DEMO_KEY, RANGE, "text/csv");
        Answer asked = kiosk.usage(KioskClient.DEMO_KEY, RANGE + "&format=csv", null);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.contentType().replace(" ", "")).isEqualToIgnoringCase("text/csv;charset=utf-8");
        assertThat(asked.body()).isEqualTo(accepted.body());
        String[] lines = new String(accepted.body(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(3);
        List<String> columns = List.of(lines[0].split(","));
        assertThat(columns).startsWith("day", "concept").hasSize(12);
        for (int i = 0; i < 2; i++) {
            JsonNode row = json.get("rows").get(i);
            String[] fields = lines[i + 1].split(",");
            assertThat(fields[0]).isEqualTo(row.get("day").asText());
            assertThat(fields[1]).isEqualTo(row.get("concept").asText());
            for (int column = 2; column < columns.size(); column++) {
                assertThat(new BigDecimal(fields[column])).as(columns.get(column))
                        .isEqualByComparingTo(row.get(columns.get(column)).decimalValue());
            }
        }
    }

    @Test
    void shouldNameTheCsvAttachmentForTheVendorAndRange() throws Exception {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/usage?" + RANGE + "&format=csv"))
                .header("X-Api-Key", KioskClient.ACME_KEY).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"usage-acme-2001-02-03-2001-02-04.csv\"");
    }

    @ParameterizedTest(name = "?{0} Accept: {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "to=2001-02-04                           | NONE             | invalid-usage-range",
        "from=2001-02-03                         | text/csv         | invalid-usage-range",
        "from=2001-02-04&to=2001-02-03           | NONE             | invalid-usage-range",
        "from=2001-01-01&to=2002-01-02           | text/csv         | invalid-usage-range",
        "from=2001-02-30&to=2001-03-01           | application/json | invalid-usage-range",
        "from=03/02/2001&to=2001-03-01           | NONE             | invalid-usage-range",
        "from=2001-02-03&from=2001-02-04&to=2001-02-05 | NONE       | invalid-usage-range",
        "from=2001-02-03&to=2001-02-04&format=xml | NONE            | invalid-usage-format",
        "from=2001-02-03&to=2001-02-04&format=   | text/csv         | invalid-usage-format",
    })
    void shouldRefuseABadQueryWithAProblem(String query, String accept, String type) {
        assertProblem(kiosk.usage(KioskClient.DEMO_KEY, query, accept), 400, type);
    }

    @Test
    void shouldRefuseAnAcceptHeaderNamingNeitherFormat() {
        assertProblem(kiosk.usage(KioskClient.DEMO_KEY, RANGE, "text/html"), 406, "not-acceptable");
    }

    @Test
    void shouldRefuseACallWithoutAKey() {
        assertProblem(kiosk.call("GET", "/api/v1/usage?" + RANGE, null, null, null), 401, "unauthorized");
    }
}
