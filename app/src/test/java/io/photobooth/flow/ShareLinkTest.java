package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.share.QrCodes;
import io.photobooth.share.ShareTokens;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The customer's download link end to end: a kiosk asks for the link of its converted request and
 * gets a short URL and its QR code; a phone opens it with no key and gets the results; forged and
 * expired links, another vendor's request and a request with nothing converted are refused with
 * their problem types, in plain words to a browser.
 */
@LocalIntegrationTest
class ShareLinkTest {

    static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");
    static final Pattern DOWNLOAD = Pattern.compile("<a class=\"download\" href=\"([^\"]+)\"");
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kiosk;

    @BeforeEach
    void kiosk() {
        kiosk = new KioskClient(port);
    }

    String convertedRequest(String apiKey, byte[]... photos) {
        Answer pre = kiosk.preRequest(apiKey, "{\"concept\":\"sketch\",\"shots\":" + photos.length + "}");
        String requestId = pre.json().get("requestId").asText();
        for (int i = 0; i < photos.length; i++) {
            assertThat(kiosk.upload(pre.json().get("uploads").get(i), photos[i])).isEqualTo(200);
        }
        assertThat(kiosk.conversion(apiKey, requestId).json().get("status").asText()).isEqualTo("DONE");
        return requestId;
    }

    @Test
    void shouldGiveAShortLinkAndItsQrCodeThatAPhoneOpensWithoutAKey() throws Exception {
        String requestId = convertedRequest(KioskClient.DEMO_KEY, TestPhotos.portrait(160, 120, Color.CYAN),
                TestPhotos.portrait(120, 160, Color.YELLOW));
        Instant asked = Instant.now();

        Answer share = kiosk.share(KioskClient.DEMO_KEY, requestId);

        assertThat(share.status()).isEqualTo(200);
        JsonNode link = share.json();
        String url = link.get("url").asText();
        assertThat(link.get("requestId").asText()).isEqualTo(requestId);
        assertThat(url).matches("http://127\\.0\\.0\\.1:" + port + "/s/[A-Za-z0-9_-]{44}");
        assertThat(Instant.parse(link.get("expiresAt").asText()))
                .isBetween(asked.plus(Duration.ofMinutes(10)).minusSeconds(5), asked.plus(Duration.ofMinutes(10)).plusSeconds(5));
        assertThat(QrCodes.decodeDataUrl(link.get("qrCode").asText())).isEqualTo(url);

        Answer page = kiosk.get(url, HTML);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html;charset=UTF-8");
        String html = new String(page.body());
        assertThat(html).contains("<h1>Your photos</h1>").contains("work for 10 minutes");
        List<String> images = IMG.matcher(html).results().map(m -> m.group(1).replace("&amp;", "&")).toList();
        assertThat(images).hasSize(2);
        BufferedImage second = TestPhotos.decode(kiosk.download(images.get(1)).body());
        assertThat(second.getWidth()).isEqualTo(120);
        assertThat(second.getHeight()).isEqualTo(160);

        List<String> buttons = DOWNLOAD.matcher(html).results().map(m -> m.group(1).replace("&amp;", "&")).toList();
        assertThat(buttons).hasSize(2);
        HttpResponse<byte[]> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(buttons.get(0))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.headers().firstValue("Content-Disposition")).as("S3 answers the download button as an attachment")
                .hasValue("attachment; filename=\"photobooth-1.jpg\"");
        assertThat(TestPhotos.decode(saved.body()).getWidth()).isEqualTo(160);
    }

    @Test
    void shouldRefuseAForgedLinkAsProblemJsonAndInPlainWordsToABrowser() {
        Answer forged = kiosk.get("/s/" + "A".repeat(44), "application/json");
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.contentType()).isEqualTo("application/problem+json");
        assertThat(forged.json().get("type").asText()).isEqualTo("urn:photobooth:problem:invalid-share-link");

        Answer inBrowser = kiosk.get("/s/not-a-token", HTML);
        assertThat(inBrowser.status()).isEqualTo(404);
        assertThat(inBrowser.contentType()).startsWith("text/html");
        assertThat(new String(inBrowser.body())).contains("This link does not work");
    }

    @Test
    void shouldRefuseAnExpiredLinkWithGone() {
        String requestId = convertedRequest(KioskClient.ACME_KEY, TestPhotos.portrait(64, 48, Color.GREEN));
        ShareTokens yesterday = new ShareTokens(properties.kiosk().share().secret(), Duration.ofMinutes(10),
                Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));

        Answer expired = kiosk.get("/s/" + yesterday.mint(requestId).token(), "*/*");

        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().get("type").asText()).isEqualTo("urn:photobooth:problem:share-link-expired");
        Answer inBrowser = kiosk.get("/s/" + yesterday.mint(requestId).token(), HTML);
        assertThat(new String(inBrowser.body())).contains("This link has expired");
    }

    @Test
    void shouldRefuseToShareAnotherVendorsRequestOneNotConvertedOrWithoutAKey() {
        String demos = convertedRequest(KioskClient.DEMO_KEY, TestPhotos.portrait(64, 48, Color.BLUE));
        assertThat(kiosk.share(KioskClient.ACME_KEY, demos).json().get("type").asText())
                .isEqualTo("urn:photobooth:problem:unknown-request");
        assertThat(kiosk.share(null, demos).status()).isEqualTo(401);

        String waiting = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}").json().get("requestId").asText();
        Answer notReady = kiosk.share(KioskClient.DEMO_KEY, waiting);
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.json().get("type").asText()).isEqualTo("urn:photobooth:problem:results-not-ready");
        assertThat(notReady.json().get("requestStatus").asText()).isEqualTo("PRE_REQUESTED");
    }
}
