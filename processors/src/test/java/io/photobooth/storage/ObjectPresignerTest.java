package io.photobooth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import io.photobooth.support.TestCatalogue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class ObjectPresignerTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final String KEY = "uploads/test/acme/0f8fad5b-d9cb-469f-a165-70867728950e/2.jpg";
    private static final S3Presigner S3 = TestCatalogue.s3Presigner();

    private final ObjectPresigner presigner = new ObjectPresigner(S3, "photos", Duration.ofMinutes(5),
            Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterAll
    static void closePresigner() {
        S3.close();
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0],
                        pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    @Test
    void shouldPresignPutOfTheKeyForFiveMinutes() {
        PresignedUrl upload = presigner.upload(KEY, "image/jpeg");

        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(URI.create(upload.url()).getPath()).isEqualTo("/photos/" + KEY);
        assertThat(upload.url()).startsWith("http://127.0.0.1:9/photos/" + KEY + "?")
                .contains("X-Amz-Expires=300");
        Map<String, String> query = query(upload.url());
        assertThat(query).containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Expires", "300")
                .containsKey("X-Amz-Signature");
        assertThat(query.get("X-Amz-Credential")).startsWith("k/").endsWith("/us-east-1/s3/aws4_request");
    }

    @Test
    void shouldSignContentTypeOfUpload() {
        PresignedUrl upload = presigner.upload(KEY, "image/jpeg");

        assertThat(query(upload.url()).get("X-Amz-SignedHeaders").split(";")).contains("content-type");
        assertThat(upload.headers()).isEqualTo(Map.of("Content-Type", "image/jpeg"));
    }

    @Test
    void shouldTellKioskEverySignedHeaderOfUpload() {
        PresignedUrl upload = presigner.upload(KEY, "image/jpeg");

        // every signed header but host must be sent by the kiosk, so the answer must name it
        var signed = Arrays.stream(query(upload.url()).get("X-Amz-SignedHeaders").split(";"))
                .filter(header -> !header.equals("host"))
                .toList();
        assertThat(signed).containsExactlyInAnyOrderElementsOf(
                upload.headers().keySet().stream().map(String::toLowerCase).toList());
    }

    @Test
    void shouldGiveUploadExpiryFromClock() {
        assertThat(presigner.upload(KEY, "image/jpeg").expiresAt()).isEqualTo(Instant.parse("2025-06-01T12:05:00Z"));
    }

    @Test
    void shouldPresignGetOfResultForTenMinutes() {
        String key = "results/test/acme/0f8fad5b-d9cb-469f-a165-70867728950e/1.jpg";

        PresignedUrl result = presigner.result(key);

        assertThat(result.method()).isEqualTo("GET");
        assertThat(result.headers()).isEmpty();
        assertThat(result.url()).startsWith("http://127.0.0.1:9/photos/" + key + "?");
        Map<String, String> query = query(result.url());
        assertThat(query).containsEntry("X-Amz-Expires", "600").containsEntry("X-Amz-SignedHeaders", "host");
        assertThat(result.expiresAt()).isEqualTo(Instant.parse("2025-06-01T12:10:00Z"));
    }

    @Test
    void shouldPresignADownloadOfAResultAsAnAttachment() {
        String key = "results/test/acme/0f8fad5b-d9cb-469f-a165-70867728950e/1.jpg";

        PresignedUrl download = presigner.resultDownload(key, "photobooth-1.jpg");

        assertThat(download.url()).startsWith("http://127.0.0.1:9/photos/" + key + "?");
        assertThat(query(download.url())).containsEntry("X-Amz-Expires", "600")
                .containsEntry("response-content-disposition", "attachment; filename=\"photobooth-1.jpg\"");
        assertThat(download.expiresAt()).isEqualTo(Instant.parse("2025-06-01T12:10:00Z"));
    }

    @Test
    void shouldSignEachKeyDifferently() {
        assertThat(presigner.upload(KEY, "image/jpeg").url()).isNotEqualTo(presigner.upload(KEY.replace("2.jpg", "3.jpg"), "image/jpeg").url());
    }
}
