package io.photobooth.share;

import static io.photobooth.support.TestCatalogue.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class SharePageTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final S3Presigner S3 = TestCatalogue.s3Presigner();

    private final SharePage page = new SharePage(TestCatalogue.presigner(S3), "test", CLOCK);

    @AfterAll
    static void closePresigner() {
        S3.close();
    }

    private static Map<String, Object> row(int shot, String shotStatus) {
        Map<String, Object> row = new HashMap<>();
        row.put("request_id", ID);
        row.put("vendor", "acme");
        row.put("status", "FAILED");
        row.put("shot", shot);
        row.put("shot_status", shotStatus);
        return row;
    }

    private Exchange render(List<Map<String, Object>> rows) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setHeader("vendor", "someone");
        exchange.getMessage().setBody(rows);
        page.process(exchange);
        return exchange;
    }

    @Test
    void shouldShowEachConvertedShotAsAPresignedImageWithADownloadButton() {
        Exchange exchange = render(List.of(row(1, "DONE"), row(2, "FAILED"), row(3, "DONE")));

        String html = new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("text/html;charset=UTF-8");
        assertThat(exchange.getMessage().getHeaders()).containsEntry("Cache-Control", "no-store")
                .containsEntry("Referrer-Policy", "no-referrer").doesNotContainKeys("vendor", KioskHeaders.REQUEST_ID);
        assertThat(html).contains("<h1>Your photos</h1>")
                .contains("<img src=\"http://127.0.0.1:9/photos/results/test/acme/" + ID + "/1.jpg?X-Amz-")
                .contains("/results/test/acme/" + ID + "/3.jpg?X-Amz-")
                .doesNotContain("/2.jpg")
                .contains("Photo 2 could not be converted.")
                .contains("Download photo 3")
                .contains("work for 10 minutes")
                .doesNotContain("<script");
        assertThat(html).as("URLs are escaped in attributes").contains("&amp;X-Amz-").doesNotContain("&X-Amz-");
    }

    @Test
    void shouldLetTheDownloadButtonSaveThePhotoThoughS3IsAnotherOrigin() {
        String html = new String(render(List.of(row(1, "DONE"))).getMessage().getBody(byte[].class), StandardCharsets.UTF_8);

        Matcher image = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        Matcher download = Pattern.compile("<a class=\"download\" href=\"([^\"]+)\"").matcher(html);
        assertThat(image.find()).isTrue();
        assertThat(download.find()).isTrue();
        assertThat(download.group(1)).as("S3 answers it as an attachment (the download attribute is same-origin only)")
                .contains("response-content-disposition=attachment%3B%20filename%3D%22photobooth-1.jpg%22");
        assertThat(image.group(1)).as("the image is shown inline").doesNotContain("response-content-disposition");
    }

    @Test
    void shouldRefuseAGoneRequestAsAnUnknownLinkAndOneWithoutResultAsNotReady() {
        assertThat(catchThrowableOfType(ApiProblem.class, () -> render(List.of())).type())
                .isEqualTo(ProblemType.INVALID_SHARE_LINK);
        assertThat(catchThrowableOfType(ApiProblem.class, () -> render(List.of(row(1, "FAILED")))).type())
                .isEqualTo(ProblemType.RESULTS_NOT_READY);
    }
}
