package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.filter.HostileUploads;
import io.photobooth.filter.HostileUploads.Upload;
import io.photobooth.support.ConvertedPhotos;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hostile uploads ({@link HostileUploads}: mutated, truncated, spliced, declared-huge, other formats,
 * nothing) through the whole pipeline, presigned PUT, main request, generator: each shot ends
 * converted or failed at once with one of the reasons docs/api.md lists, never with the dead
 * letter's "could not convert" (which would mean an exception the generator retried), and the
 * generator goes on converting. {@code PoisonPhotoTest} proves this for a decompression bomb and a
 * truncated JPEG; this adds what fuzzing found (a PNG of many chunks and a JPEG of random scan data,
 * costly to decode; a PNG with a side too long for its JPEG result, whose job failed three times and
 * its shot only after minutes), and a seeded run of every kind.
 */
@LocalIntegrationTest
class HostileInputPhotosTest {

    /**
     * Past it a request still converting means a shot that was retried instead of refused (a retry
     * waits for the visibility timeout, 120 s).
     */
    private static final Duration FINISHED_WITHIN = Duration.ofSeconds(60);
    /** The beginnings of the reasons docs/api.md lists for a photo the generator refuses. */
    private static final List<String> REASONS = List.of("the upload is ", "the upload has ", "the photo is ");

    @LocalServerPort
    int port;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    @Test
    void shouldFailWhatFuzzingTheDecoderFoundCostlyAtOnceWithItsReason() {
        JsonNode chunks = convert(List.of(new Upload("empty chunks", HostileUploads.pngOfEmptyChunks(200_000))), "image/png")
                .get("results").get(0);
        JsonNode scan = convert(List.of(new Upload("random scan", HostileUploads.jpegOfRandomScanData(3))), "image/jpeg")
                .get("results").get(0);
        // decoded and converted, but its result could not be written: the job failed three times
        JsonNode side = convert(List.of(new Upload("long side", HostileUploads.blackPng(65_535, 1))), "image/png")
                .get("results").get(0);

        assertThat(chunks.get("status").asText()).isEqualTo("FAILED");
        assertThat(chunks.get("error").asText()).isEqualTo("the photo is corrupt: it has more than 10,000 chunks");
        assertThat(scan.get("status").asText()).isEqualTo("FAILED");
        assertThat(scan.get("error").asText()).startsWith("the photo is truncated or corrupt (");
        assertThat(side.get("status").asText()).isEqualTo("FAILED");
        assertThat(side.get("error").asText())
                .isEqualTo("the photo is 65535x1, a side longer than the 65,500 pixels a JPEG result can have");
        assertStillConverting();
    }

    @Test
    void shouldConvertOrRefuseEveryFuzzedUploadAndGoOnConverting() {
        fuzz(12, 20261126L);
    }

    @Test
    @Tag("reliability")
    void shouldConvertOrRefuseAThousandFuzzedUploadsAndGoOnConverting() {
        fuzz(400, Long.getLong("hostile.seed", System.nanoTime()));
    }

    /** {@code requests} requests of one to four fuzzed shots each; every answer checked, then a normal one. */
    private void fuzz(int requests, long seed) {
        System.out.printf("HostileInputPhotosTest: %,d requests from seed %d (-Dhostile.seed=%d)%n", requests, seed, seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        long start = System.nanoTime();
        int uploads = 0;
        for (int i = 0; i < requests; i++) {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L + i);
            List<Upload> shots = new ArrayList<>();
            for (int shot = 1 + random.nextInt(4); shot > 0; shot--) {
                shots.add(HostileUploads.next(random));
            }
            uploads += shots.size();
            String contentType = random.nextBoolean() ? "image/jpeg" : "image/png";
            String context = "request " + i + " of seed " + seed + ": " + shots;
            if (shots.stream().anyMatch(upload -> upload.bytes() == null || upload.bytes().length == 0)) {
                assertEmptyUploadsMissing(shots, contentType, context);
                outcomes.merge("409 uploads-missing", 1, Integer::sum);
                continue;
            }
            JsonNode finished = convert(shots, contentType);
            List<JsonNode> results = KioskClient.list(finished.get("results"));
            assertThat(results).as(context).hasSize(shots.size());
            for (JsonNode result : results) {
                String status = result.get("status").asText();
                if (status.equals("DONE")) {
                    Answer download = kiosk.download(result.get("url").asText());
                    assertThat(download.status()).as(context).isEqualTo(200);
                    assertThat(TestPhotos.decode(download.body())).as("the result of %s", context).isNotNull();
                    outcomes.merge("DONE", 1, Integer::sum);
                } else {
                    assertThat(status).as(context).isEqualTo("FAILED");
                    String error = result.path("error").asText();
                    assertThat(REASONS).as("the reason %s for %s", error, context).anyMatch(error::startsWith);
                    outcomes.merge("FAILED " + error.replaceAll("-?\\d[\\d,]*", "N").replaceAll(" \\(.*", ""), 1,
                            Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d requests, %,d uploads in %.1f s%n", requests, uploads,
                (System.nanoTime() - start) / 1e9);
        outcomes.forEach((outcome, count) -> System.out.printf(Locale.ROOT, "  %,6d  %s%n", count, outcome));
        assertStillConverting();
    }

    /** Pre-requests the shots, uploads them, and returns the finished request (waiting past a 202). */
    private JsonNode convert(List<Upload> shots, String contentType) {
        String requestId = preRequestAndUpload(shots, contentType);
        Answer answer = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        assertThat(answer.status()).as("the main request of %s", shots).isIn(200, 202);
        if (answer.status() == 200) {
            return answer.json();
        }
        await().atMost(FINISHED_WITHIN).until(() -> List.of("DONE", "FAILED")
                .contains(kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("status").asText()));
        return kiosk.status(KioskClient.DEMO_KEY, requestId).json();
    }

    private String preRequestAndUpload(List<Upload> shots, String contentType) {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY,
                "{\"concept\":\"sketch\",\"shots\":" + shots.size() + ",\"contentType\":\"" + contentType + "\"}");
        assertThat(pre.status()).isEqualTo(201);
        for (int i = 0; i < shots.size(); i++) {
            byte[] bytes = shots.get(i).bytes() == null ? new byte[0] : shots.get(i).bytes();
            assertThat(kiosk.upload(pre.json().get("uploads").get(i), bytes)).as("the upload of %s", shots.get(i))
                    .isEqualTo(200);
        }
        return pre.json().get("requestId").asText();
    }

    /** An empty upload is no upload: the main request names it missing, and converts nothing. */
    private void assertEmptyUploadsMissing(List<Upload> shots, String contentType, String context) {
        String requestId = preRequestAndUpload(shots, contentType);
        Answer answer = kiosk.conversion(KioskClient.DEMO_KEY, requestId);
        assertThat(answer.status()).as(context).isEqualTo(409);
        assertThat(answer.json().get("type").asText()).isEqualTo("urn:photobooth:problem:uploads-missing");
        List<Integer> empty = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            if (shots.get(i).bytes() == null || shots.get(i).bytes().length == 0) {
                empty.add(i + 1);
            }
        }
        assertThat(KioskClient.list(answer.json().get("missingShots"))).extracting(JsonNode::asInt).as(context)
                .containsExactlyElementsOf(empty);
    }

    private void assertStillConverting() {
        byte[] photo = TestPhotos.portrait(96, 72, Color.ORANGE);
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.upload(pre.json().get("uploads").get(0), photo)).isEqualTo(200);
        ConvertedPhotos.assertConverted(kiosk, kiosk.conversion(KioskClient.DEMO_KEY, requestId), new byte[][] {photo});
    }
}
