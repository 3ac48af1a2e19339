package io.photobooth.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.generator.ConversionWorkerRoutes;
import io.photobooth.share.QrCodes;
import io.photobooth.support.KioskBrowser;
import io.photobooth.support.KioskClient;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The kiosk page in a real browser (Debian's headless chromium, no camera, a 1080x1920 portrait
 * screen) against the whole application on the embedded default, using only the public API as a
 * vendor's kiosk would: the API key, the concepts, the payment, photos from the file picker
 * uploaded straight to S3, the conversion's events, the results beside the originals and the QR
 * code of the download link, which a phone then opens; and the failures a customer may meet. Each
 * state is saved as a screenshot under {@code target/kiosk-screenshots/}.
 */
@LocalIntegrationTest
class KioskPageTest {

    static final Duration CONVERSION = Duration.ofSeconds(60);
    static final Path PHOTOS = Path.of("target", "kiosk-photos");

    static KioskBrowser browser;

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    PhotoboothProperties properties;

    @BeforeAll
    static void startBrowser() {
        browser = KioskBrowser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A kiosk switched on for the first time: no key stored yet. */
    @BeforeEach
    void freshKiosk() {
        browser.resize(KioskBrowser.KIOSK);
        browser.open(page());
        browser.js("localStorage.clear()");
        browser.open(page());
        browser.waitFor("#screen-key");
    }

    String page() {
        return "http://127.0.0.1:" + port + "/kiosk/";
    }

    static Path photo(String name, Color shirt) throws Exception {
        Files.createDirectories(PHOTOS);
        Path file = PHOTOS.resolve(name + ".jpg");
        Files.write(file, TestPhotos.portrait(640, 480, shirt));
        return file.toAbsolutePath();
    }

    void enterKey(String key) {
        browser.find("#api-key").sendKeys(key);
        browser.find("#save-key").click();
    }

    void payFor(int shots) {
        browser.waitFor("#screen-concepts");
        browser.waitFor(".concept[data-concept='sketch']").click();
        browser.find("#shots-" + shots).click();
        browser.find("#pay").click();
        browser.waitFor("#screen-capture");
    }

    void pickPhoto(int shot, Path file) {
        browser.waitFor("#file-picker");
        browser.find("#photo-file").sendKeys(file.toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> "uploaded".equals(
                browser.find("#shots li[data-shot='" + shot + "']").getAttribute("data-status")));
    }

    /** The events the page listed, once the last one came (the stream may end just after the answer). */
    List<String> events() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !browser.findAll("#events li[data-event='done']").isEmpty());
        return browser.findAll("#events li").stream()
                .map(li -> li.getAttribute("data-event") + li.getAttribute("data-shot")).toList();
    }

    @Test
    void shouldTakeACustomerFromTheKeyThroughFilePickedPhotosToResultsAndAQrCodeAPhoneOpens() throws Exception {
        Path first = photo("portrait-orange", Color.ORANGE);
        Path second = photo("portrait-teal", new Color(0, 128, 128));
        browser.screenshot("1-api-key");

        enterKey(KioskClient.DEMO_KEY);

        browser.waitFor("#screen-concepts");
        browser.waitForImages(".concept[data-concept='sketch']");
        assertThat(browser.find(".concept[data-concept='sketch'] .concept-name").getText()).isEqualTo("Pencil sketch");
        assertThat(browser.find(".concept[data-concept='sketch'] .generator-state").getAttribute("data-state"))
                .isIn("STOPPED", "STARTING", "READY");
        assertThat(browser.js("return localStorage.getItem('photobooth.apiKey')")).isEqualTo(KioskClient.DEMO_KEY);
        browser.screenshot("2-concepts");

        payFor(2);
        assertThat(browser.find("#capture-title").getText()).isEqualTo("Photo 1 of 2");
        assertThat(browser.find("#take-shot").isDisplayed()).as("no camera in this browser").isFalse();
        browser.screenshot("3-capture-file-picker");
        pickPhoto(1, first);
        assertThat(browser.find("#capture-title").getText()).isEqualTo("Photo 2 of 2");
        assertThat(browser.find("#shots li[data-shot='1'] progress").getAttribute("value")).isEqualTo("1");
        browser.screenshot("4-capture-uploaded");
        pickPhoto(2, second);

        browser.waitFor("#screen-results", CONVERSION);
        browser.waitFor("#share");
        browser.waitForImages("#screen-results");
        browser.screenshot("6-results");

        List<String> events = events();
        assertThat(events).as("the progress events seen on the page").startsWith("queued").endsWith("done")
                .contains("shot-done1", "shot-done2");
        for (String shot : List.of("1", "2")) {
            if (events.contains("processing" + shot)) {
                assertThat(events.indexOf("processing" + shot)).isLessThan(events.indexOf("shot-done" + shot));
            }
        }
        assertThat(browser.findAll("#results .pair")).hasSize(2);
        for (int shot = 1; shot <= 2; shot++) {
            String pair = "#results .pair[data-shot='" + shot + "'] ";
            assertThat(browser.js("const i = document.querySelector(arguments[0]); return [i.naturalWidth, i.naturalHeight]",
                    pair + "img.result")).isEqualTo(List.of(640L, 480L));
            assertThat(browser.find(pair + "img.original").getAttribute("src")).startsWith("blob:");
        }

        String link = browser.find("#share-url").getText();
        assertThat(link).matches("http://127\\.0\\.0\\.1:" + port + "/s/[A-Za-z0-9_-]{44}");
        assertThat(QrCodes.decodeDataUrl(browser.find("#qr").getAttribute("src"))).as("the QR code").isEqualTo(link);

        KioskClient.Answer phonePage = new KioskClient(port).download(link);
        assertThat(phonePage.status()).isEqualTo(200);
        assertThat(phonePage.contentType()).startsWith("text/html");
        List<String> images = imageSources(new String(phonePage.body()));
        assertThat(images).hasSize(2);
        BufferedImage result = TestPhotos.decode(new KioskClient(port).download(images.get(1)).body());
        assertThat(result.getWidth()).isEqualTo(640);

        browser.resize(KioskBrowser.PHONE);
        browser.open(link);
        browser.waitForImages("main");
        assertThat(browser.findAll("main img")).hasSize(2);
        browser.screenshot("7-phone-download-page");
    }

    @Test
    void shouldSayTheKeyWasRefusedAndLetTheOperatorEnterItAgain() {
        enterKey("not-a-vendor-key");

        browser.waitFor("#screen-error");
        assertThat(browser.js("return document.body.dataset.error")).isEqualTo("unauthorized");
        assertThat(browser.find("#error-title").getText()).isEqualTo("This API key was not accepted");
        assertThat(browser.find("#error-type").getText()).isEqualTo("401 urn:photobooth:problem:unauthorized");
        browser.screenshot("8-error-bad-key");

        browser.find("#change-key").click();
        browser.waitFor("#screen-key");
        enterKey(KioskClient.ACME_KEY);
        browser.waitFor("#screen-concepts");
        browser.resize(KioskBrowser.LAPTOP);
        browser.waitForImages("#concepts");
        assertThat(browser.js("return document.getElementById('pay').getBoundingClientRect().bottom <= innerHeight"))
                .as("the Pay button fits a laptop's screen").isEqualTo(true);
        browser.screenshot("2-concepts-laptop");
    }

    @Test
    void shouldLetATapOnApiKeyGoBackToTheConceptsAndOfferItOnlyBetweenCustomers() {
        assertThat(browser.find("#cancel-key").isDisplayed()).as("no key stored yet: nothing to go back to").isFalse();
        enterKey(KioskClient.DEMO_KEY);
        browser.waitFor("#screen-concepts");

        browser.find("#settings").click();
        browser.waitFor("#screen-key");
        browser.find("#cancel-key").click();

        browser.waitFor("#screen-concepts");
        assertThat(browser.js("return localStorage.getItem('photobooth.apiKey')")).isEqualTo(KioskClient.DEMO_KEY);
        payFor(1);
        assertThat(browser.find("#settings").isDisplayed()).as("API key during a customer's session").isFalse();
    }

    @Test
    void shouldTakeAPhotoFromTheCameraAfterACountdown() {
        try (KioskBrowser withCamera = KioskBrowser.start(true)) {
            withCamera.open(page());
            withCamera.waitFor("#screen-key");
            withCamera.find("#api-key").sendKeys(KioskClient.ACME_KEY);
            withCamera.find("#save-key").click();
            withCamera.waitFor(".concept[data-concept='sketch']").click();
            withCamera.find("#pay").click();

            withCamera.waitFor("#take-shot");
            assertThat(withCamera.find("#use-file").isDisplayed()).as("a file is still offered").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) withCamera.js(
                    "return document.getElementById('preview').videoWidth")).intValue() > 0);
            withCamera.find("#take-shot").click();
            withCamera.waitFor("#countdown");
            withCamera.screenshot("3-capture-camera-countdown");

            // a camera frame (up to 2048 pixels wide) may take longer than the 20 s conversion timeout on a
            // busy machine: the page then says so, and Keep waiting goes on to the result
            await().atMost(CONVERSION.multipliedBy(2)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                if (withCamera.find("#screen-error").isDisplayed()
                        && "still-converting".equals(withCamera.js("return document.body.dataset.error"))) {
                    withCamera.find("#retry").click();
                }
                return withCamera.find("#screen-results").isDisplayed();
            });
            withCamera.waitForImages("#results");
            assertThat(withCamera.js("const i = document.querySelector('#results img.result');"
                    + " return i.naturalWidth === document.querySelector('#results img.original').naturalWidth"))
                    .as("the result has the camera frame's size").isEqualTo(true);
        }
    }

    @Test
    void shouldOfferToKeepWaitingWhenTheGeneratorIsStoppedBeyondTheConversionTimeoutAndThenShowTheResult()
            throws Exception {
        String worker = ConversionWorkerRoutes.routeId(properties.env(), new VendorConcept("demo", "sketch"));
        enterKey(KioskClient.DEMO_KEY);
        payFor(1);
        await("the pre-request started the generator").atMost(Duration.ofSeconds(15))
                .until(() -> camel.getRouteController().getRouteStatus(worker) == ServiceStatus.Started);
        camel.getRouteController().stopRoute(worker);
        try {
            browser.find("#photo-file").sendKeys(photo("portrait-pink", Color.PINK).toString());

            browser.waitFor("#screen-convert");
            browser.waitFor("#events li[data-event='queued']");
            assertThat(browser.find("#shot-progress li[data-shot='1']").getAttribute("data-status")).isEqualTo("queued");
            browser.screenshot("5-converting-queued");

            browser.waitFor("#screen-error", properties.kiosk().conversionTimeout().plusSeconds(15));
            assertThat(browser.js("return document.body.dataset.error")).isEqualTo("still-converting");
            assertThat(browser.find("#error-title").getText()).isEqualTo("This is taking longer than usual");
            assertThat(browser.find("#retry").getText()).isEqualTo("Keep waiting");
            browser.screenshot("9-error-generator-stopped");
        } finally {
            camel.getRouteController().startRoute(worker);
        }

        browser.find("#retry").click();

        browser.waitFor("#screen-results", CONVERSION);
        browser.waitForImages("#results");
        assertThat(browser.js("return document.body.dataset.error")).as("no error left over on the results").isNull();
        assertThat(events()).startsWith("queued").contains("shot-done1").endsWith("done")
                .as("each event once, though the stream was opened twice").doesNotHaveDuplicates();
    }

    /**
     * Records each pre-request the page sends (its Idempotency-Key) in {@code window.preRequests};
     * with {@code true} as argument, loses the first one's answer as a dropped connection would,
     * after the service recorded the request ({@code window.droppedRequestId}).
     */
    static final String RECORD_PRE_REQUESTS = """
            window.preRequests = [];
            window.dropFirstAnswer = arguments[0];
            const realFetch = window.fetch;
            window.fetch = async (url, init = {}) => {
              const preRequest = init.method === 'POST' && String(url).endsWith('/api/v1/requests');
              if (preRequest) window.preRequests.push((init.headers || {})['Idempotency-Key'] || null);
              const response = await realFetch(url, init);
              if (preRequest && window.dropFirstAnswer && window.droppedRequestId === undefined) {
                window.droppedRequestId = (await response.clone().json()).requestId;
                throw new TypeError('Failed to fetch');
              }
              return response;
            };
            """;

    @Test
    void shouldSendTheSameIdempotencyKeyWhenAPaymentWhoseAnswerWasLostIsTriedAgain() throws Exception {
        enterKey(KioskClient.DEMO_KEY);
        browser.waitFor(".concept[data-concept='sketch']").click();
        browser.find("#shots-1").click();
        browser.js(RECORD_PRE_REQUESTS, true);

        browser.find("#pay").click();

        browser.waitFor("#screen-error");
        assertThat(browser.find("#error-title").getText()).isEqualTo("No connection");
        assertThat(browser.js("return window.droppedRequestId")).as("the service recorded the first one").isNotNull();
        browser.js("const retry = document.getElementById('retry'); retry.click(); retry.click();");
        browser.waitFor("#screen-capture");
        browser.find("#photo-file").sendKeys(photo("portrait-lost-answer", Color.MAGENTA).toString());
        browser.waitFor("#screen-results", CONVERSION);

        List<?> keys = (List<?>) browser.js("return window.preRequests");
        assertThat(keys).as("the payment and one retry, though Try again was tapped twice").hasSize(2)
                .doesNotContainNull();
        assertThat(keys.get(1)).as("the retry's Idempotency-Key").isEqualTo(keys.get(0));
        assertThat(browser.find("#results img.result").getAttribute("src"))
                .as("the result of the request the lost answer recorded, not of a second paid one")
                .contains("/" + browser.js("return window.droppedRequestId") + "/");
    }

    @Test
    void shouldUploadAShotTheMainRequestFoundMissingAgainForTheSameRequest() throws Exception {
        enterKey(KioskClient.DEMO_KEY);
        payFor(1);
        browser.js(RECORD_PRE_REQUESTS, false);
        browser.js("""
                const realSend = XMLHttpRequest.prototype.send;
                XMLHttpRequest.prototype.send = function (body) {
                  if (window.uploadSkipped) return realSend.call(this, body);
                  window.uploadSkipped = true;
                  Object.defineProperty(this, 'status', { value: 200 });
                  this.onload();
                };
                """);

        browser.find("#photo-file").sendKeys(photo("portrait-missing", Color.RED).toString());

        browser.waitFor("#screen-error", CONVERSION);
        assertThat(browser.js("return document.body.dataset.error")).isEqualTo("urn:photobooth:problem:uploads-missing");
        assertThat(browser.find("#retry").getText()).isEqualTo("Upload again");
        browser.find("#retry").click();

        browser.waitFor("#screen-results", CONVERSION);
        browser.waitForImages("#results");
        assertThat((List<?>) browser.js("return window.preRequests")).as("no second pre-request").isEmpty();
    }

    @Test
    void shouldOfferToUploadAgainWhenAnUploadTimesOutInsteadOfWaitingForever() throws Exception {
        enterKey(KioskClient.DEMO_KEY);
        payFor(1);
        browser.js("""
                const realSend = XMLHttpRequest.prototype.send;
                XMLHttpRequest.prototype.send = function (body) {
                  if (!window.uploadTimedOut) {
                    window.uploadTimedOut = true;
                    this.timeout = 1;
                  }
                  return realSend.call(this, body);
                };
                """);

        browser.find("#photo-file").sendKeys(photo("portrait-stalled", Color.GRAY).toString());

        browser.waitFor("#screen-error", Duration.ofSeconds(15));
        assertThat(browser.find("#error-title").getText()).isEqualTo("A photo did not upload");
        assertThat(browser.find("#retry").getText()).isEqualTo("Upload again");
        browser.find("#retry").click();
        browser.waitFor("#screen-results", CONVERSION);
        browser.waitForImages("#results");
    }

    @Test
    void shouldOpenTheEventStreamAgainAfterATransientRefusal() throws Exception {
        enterKey(KioskClient.DEMO_KEY);
        payFor(1);
        browser.js("""
                const realFetch = window.fetch;
                window.fetch = (url, init) => {
                  if (String(url).endsWith('/events') && !window.eventsRefused) {
                    window.eventsRefused = true;
                    return Promise.resolve(new Response('{}', { status: 503 }));
                  }
                  return realFetch(url, init);
                };
                """);

        browser.find("#photo-file").sendKeys(photo("portrait-events-refused", Color.BLUE).toString());

        browser.waitFor("#screen-results", CONVERSION);
        assertThat(browser.js("return window.eventsRefused")).isEqualTo(true);
        assertThat(events()).as("the progress, from the stream opened again").startsWith("queued")
                .contains("shot-done1").endsWith("done");
    }

    static List<String> imageSources(String html) {
        Matcher matcher = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        return matcher.results().map(m -> m.group(1).replace("&amp;", "&")).toList();
    }
}
