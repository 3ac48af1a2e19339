package io.photobooth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.reliability.SecurityProbes.RawAnswer;
import io.photobooth.reliability.SecurityProbes.Stored;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The presigned URLs the proxy hands out, attacked at the embedded S3 (S3Proxy, which checks
 * AWS SigV4 as S3 does): expired, tampered (key, bucket, signature, expiry, date, credential,
 * signed headers, added parameters) and sent with another content type than signed. S3 must
 * answer {@code 403} and store nothing. The URLs here live 5 s, so that expiring them takes
 * seconds; the download links start with a configured public URL, which no Host header changes.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.kiosk.upload-url-expiry=PT5S",
    "photobooth.kiosk.result-url-expiry=PT5S",
    "photobooth.kiosk.share.public-url=https://photos.example.com",
})
@DirtiesContext
class SecurityPresignedUrlsTest {

    static final Duration EXPIRY = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    S3Client s3;

    @Autowired
    SqsClient sqs;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    Stored stored() {
        return Stored.of(jdbc, s3, sqs, properties);
    }

    static byte[] photo() {
        return TestPhotos.portrait(64, 48, Color.ORANGE);
    }

    /** Waits until {@code expiresAt} is more than a second past, the precision of X-Amz-Date. */
    static void waitPast(String expiresAt) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), Instant.parse(expiresAt).plusMillis(1500));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }

    String converted(String apiKey) {
        Answer pre = kiosk.preRequest(apiKey, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        assertThat(kiosk.upload(pre.json().get("uploads").get(0), photo())).isEqualTo(200);
        assertThat(kiosk.conversion(apiKey, requestId).json().get("status").asText()).isEqualTo("DONE");
        return requestId;
    }

    @Test
    void anExpiredUploadUrlIsRefusedByS3AndAFreshOneWorks() throws Exception {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String requestId = pre.json().get("requestId").asText();
        JsonNode upload = pre.json().get("uploads").get(0);
        assertThat(upload.get("url").asText()).contains("X-Amz-Expires=5&");
        waitPast(upload.get("expiresAt").asText());
        Stored before = stored();

        int expired = kiosk.upload(upload, photo());

        assertThat(expired).isEqualTo(403);
        assertThat(stored()).isEqualTo(before);
        JsonNode fresh = kiosk.uploadUrls(KioskClient.DEMO_KEY, requestId).json().get("uploads").get(0);
        assertThat(kiosk.upload(fresh, photo())).isEqualTo(200);
    }

    @Test
    void anExpiredResultUrlIsRefusedByS3AndTheStatusSignsAFreshOne() throws Exception {
        String requestId = converted(KioskClient.DEMO_KEY);
        JsonNode result = kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("results").get(0);
        assertThat(kiosk.download(result.get("url").asText()).status()).isEqualTo(200);
        waitPast(result.get("expiresAt").asText());

        Answer expired = kiosk.download(result.get("url").asText());

        assertThat(expired.status()).isEqualTo(403);
        assertThat(new String(expired.body())).contains("AccessDenied").doesNotContain("JFIF");
        String fresh = kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("results").get(0).get("url").asText();
        assertThat(kiosk.download(fresh).status()).isEqualTo(200);
    }

    @Test
    void aTamperedUploadUrlIsRefusedByS3AndStoresNothing() {
        Answer other = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        String requestId = pre.json().get("requestId").asText();
        String url = pre.json().get("uploads").get(0).get("url").asText();
        String signature = url.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        Map<String, String> tampered = new LinkedHashMap<>();
        tampered.put("another shot", url.replace("/1.jpg?", "/2.jpg?"));
        tampered.put("another extension", url.replace("/1.jpg?", "/1.png?"));
        tampered.put("another request", url.replace(requestId, other.json().get("requestId").asText()));
        tampered.put("another vendor", url.replace("/uploads/local/demo/", "/uploads/local/acme/"));
        tampered.put("the results", url.replace("/uploads/", "/results/"));
        tampered.put("another bucket", url.replace("/" + properties.bucket() + "/", "/other-bucket/"));
        tampered.put("the signature", url.replace(signature, new StringBuilder(signature).reverse().toString()));
        tampered.put("no signature", url.replace("&X-Amz-Signature=" + signature, ""));
        tampered.put("a longer expiry", url.replace("X-Amz-Expires=5&", "X-Amz-Expires=604800&"));
        tampered.put("a later date", url.replaceAll("X-Amz-Date=(\\d{4})", "X-Amz-Date=2099"));
        tampered.put("another credential", url.replace("X-Amz-Credential=local-access-key",
                "X-Amz-Credential=other-access-key"));
        tampered.put("fewer signed headers", url.replace("X-Amz-SignedHeaders=content-type%3Bhost",
                "X-Amz-SignedHeaders=host"));
        tampered.put("a public ACL", url + "&x-amz-acl=public-read");
        Stored before = stored();

        for (var attempt : tampered.entrySet()) {
            assertThat(attempt.getValue()).as(attempt.getKey()).isNotEqualTo(url);
            assertThat(kiosk.upload(attempt.getValue(), "image/jpeg", photo())).as(attempt.getKey()).isEqualTo(403);
        }

        assertThat(stored()).isEqualTo(before);
        JsonNode fresh = kiosk.uploadUrls(KioskClient.DEMO_KEY, requestId).json().get("uploads").get(0);
        assertThat(kiosk.upload(fresh, photo())).as("the untampered URL").isEqualTo(200);
    }

    @Test
    void anUploadWithAnotherContentTypeThanSignedIsRefusedAndStoresNothing() throws Exception {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        String url = pre.json().get("uploads").get(0).get("url").asText();
        Stored before = stored();

        for (String contentType : new String[] {"image/png", "text/html", "image/svg+xml", "IMAGE/JPEG",
            "image/jpeg; charset=utf-8", "image/jpeg,text/html", "application/octet-stream"}) {
            assertThat(kiosk.upload(url, contentType, photo())).as(contentType).isEqualTo(403);
        }
        HttpResponse<String> untyped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(untyped.statusCode()).as("no Content-Type").isEqualTo(403);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aTamperedResultUrlIsRefusedByS3() {
        String requestId = converted(KioskClient.DEMO_KEY);
        String acmes = converted(KioskClient.ACME_KEY);
        String url = kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("results").get(0).get("url").asText();
        Map<String, String> tampered = new LinkedHashMap<>();
        tampered.put("the customer's upload", url.replace("/results/", "/uploads/"));
        tampered.put("another vendor's result", url.replace("/results/local/demo/" + requestId,
                "/results/local/acme/" + acmes));
        tampered.put("another shot", url.replace("/1.jpg?", "/2.jpg?"));
        tampered.put("an HTML answer", url + "&response-content-type=text%2Fhtml");
        tampered.put("an attachment of another name", url
                + "&response-content-disposition=attachment%3B%20filename%3D%22x.html%22");
        tampered.put("a longer expiry", url.replace("X-Amz-Expires=5&", "X-Amz-Expires=604800&"));

        for (var attempt : tampered.entrySet()) {
            assertThat(attempt.getValue()).as(attempt.getKey()).isNotEqualTo(url);
            Answer answer = kiosk.download(attempt.getValue());
            assertThat(answer.status()).as(attempt.getKey()).isEqualTo(403);
            assertThat(answer.contentType()).as(attempt.getKey()).doesNotContain("image", "html");
        }
        assertThat(kiosk.download(url).status()).as("the untampered URL").isEqualTo(200);
    }

    @Test
    void noHostOrForwardedHeaderChangesTheUrlsTheProxyBuilds() {
        String requestId = converted(KioskClient.DEMO_KEY);
        String spoofed = "Host: evil.example\r\nX-Api-Key: " + KioskClient.DEMO_KEY + "\r\n"
                + "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: http\r\nForwarded: host=evil.example\r\n";

        RawAnswer share = SecurityProbes.raw(port, "GET /api/v1/requests/" + requestId + "/share HTTP/1.1\r\n"
                + spoofed, "");
        RawAnswer status = SecurityProbes.raw(port, "GET /api/v1/requests/" + requestId + " HTTP/1.1\r\n" + spoofed,
                "");
        RawAnswer pre = SecurityProbes.raw(port, "POST /api/v1/requests HTTP/1.1\r\nContent-Type: application/json\r\n"
                + spoofed, "{\"concept\":\"sketch\"}");

        assertThat(share.status()).isEqualTo(200);
        assertThat(share.body()).contains("\"url\":\"https://photos.example.com/s/");
        assertThat(status.status()).isEqualTo(200);
        assertThat(pre.status()).isEqualTo(201);
        String s3 = "\"url\":\"http://127.0.0.1:" + properties.aws().s3Endpoint().orElseThrow().getPort() + "/";
        assertThat(status.body()).contains(s3);
        assertThat(pre.body()).contains(s3).contains("\"statusUrl\":\"/api/v1/requests/");
        for (RawAnswer answer : new RawAnswer[] {share, status, pre}) {
            assertThat(answer.body()).doesNotContain("evil");
        }
    }
}
