package io.photobooth.share;

import static io.photobooth.support.TestCatalogue.CLOCK;
import static io.photobooth.support.TestCatalogue.NOW;
import static io.photobooth.support.TestCatalogue.SHARE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.photobooth.contract.ShotStatus;
import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.kiosk.RequestAnswer;
import io.photobooth.kiosk.ShotResult;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

class ShareLinkMakerTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final ShareTokens TOKENS = new ShareTokens(SHARE_SECRET, Duration.ofMinutes(10), CLOCK);

    private static RequestAnswer request(ShotStatus status, ShotStatus... shots) {
        List<ShotResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < shots.length; i++) {
            results.add(new ShotResult(i + 1, shots[i], null, null, null, null));
        }
        return new RequestAnswer(ID, "sketch", shots.length, "image/jpeg", status, NOW, null, 120, null, false, null, results,
                "/api/v1/requests/" + ID);
    }

    private static Exchange call(ShareLinkMaker maker, RequestAnswer request) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(Exchange.HTTP_URL, "http://kiosk.local:8080/api/v1/requests/" + ID + "/share");
        exchange.getMessage().setBody(request);
        maker.process(exchange);
        return exchange;
    }

    @Test
    void shouldLinkToTheAddressTheKioskCalledWithATokenOfTheRequestAndItsQrCode() {
        ShareLink link = call(new ShareLinkMaker(TOKENS, null), request(ShotStatus.DONE, ShotStatus.DONE, ShotStatus.DONE))
                .getMessage().getBody(ShareLink.class);

        assertThat(link.requestId()).isEqualTo(ID);
        assertThat(link.url()).matches("http://kiosk\\.local:8080/s/[A-Za-z0-9_-]{44}");
        assertThat(TOKENS.requestIdOf(link.url().substring(link.url().lastIndexOf('/') + 1))).isEqualTo(ID);
        assertThat(link.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(link.qrCode()).isEqualTo(QrCode.pngDataUrl(link.url(), ShareLinkMaker.QR_MODULE_PIXELS));
    }

    @Test
    void shouldStartTheLinkWithTheConfiguredPublicUrl() {
        ShareLinkMaker maker = new ShareLinkMaker(TOKENS, URI.create("https://photos.example.com/"));

        ShareLink link = call(maker, request(ShotStatus.DONE, ShotStatus.DONE)).getMessage().getBody(ShareLink.class);

        assertThat(link.url()).startsWith("https://photos.example.com/s/").hasSize("https://photos.example.com/s/".length() + 44);
    }

    @Test
    void shouldShareAFailedRequestThatHasAConvertedShot() {
        ShareLink link = call(new ShareLinkMaker(TOKENS, null), request(ShotStatus.FAILED, ShotStatus.DONE, ShotStatus.FAILED))
                .getMessage().getBody(ShareLink.class);

        assertThat(link.url()).contains("/s/");
    }

    @Test
    void shouldRefuseARequestWithNoConvertedShot() {
        for (RequestAnswer request : List.of(request(ShotStatus.QUEUED, ShotStatus.QUEUED),
                request(ShotStatus.FAILED, ShotStatus.FAILED), request(ShotStatus.EXPIRED, ShotStatus.EXPIRED))) {
            ApiProblem refused = catchThrowableOfType(ApiProblem.class,
                    () -> call(new ShareLinkMaker(TOKENS, null), request));

            assertThat(refused.type()).isEqualTo(ProblemType.RESULTS_NOT_READY);
            assertThat(refused.extensions()).containsEntry("requestStatus", request.status().name());
        }
    }
}
