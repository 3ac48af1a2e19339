package io.photobooth.share;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.ShotStatus;
import io.photobooth.kiosk.ApiProblem;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.ProblemType;
import io.photobooth.storage.ObjectPresigner;
import io.photobooth.storage.PresignedUrl;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The page a customer's phone opens from the QR code: each converted shot of the request as an
 * image (a presigned GET, valid for {@code result-url-expiry}) with a download button. The body is
 * the request's rows (with its {@code vendor}, one row per shot), selected by the id the token
 * carried; no rows means the request is gone, as for a forged link.
 */
public class SharePage implements Processor {

    private final ObjectPresigner presigner;
    private final String env;
    private final Clock clock;

    public SharePage(ObjectPresigner presigner, String env, Clock clock) {
        this.presigner = presigner;
        this.env = env;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = in.getBody(List.class);
        String requestId = in.getHeader(KioskHeaders.REQUEST_ID, String.class);
        if (rows == null || rows.isEmpty()) {
            throw new ApiProblem(ProblemType.INVALID_SHARE_LINK, "This is not a download link of this photobooth.");
        }
        StringBuilder body = new StringBuilder();
        int done = 0;
        Duration validFor = null;
        for (Map<String, Object> row : rows) {
            int shot = ((Number) row.get("shot")).intValue();
            if (ShotStatus.valueOf((String) row.get("shot_status")) != ShotStatus.DONE) {
                body.append("<p class=\"failed\">Photo ").append(shot).append(" could not be converted.</p>\n");
                continue;
            }
            String key = ObjectKeys.result(env, (String) row.get("vendor"), requestId, shot);
            String filename = "photobooth-" + shot + ".jpg";
            PresignedUrl url = presigner.result(key);
            validFor = Duration.between(clock.instant(), url.expiresAt());
            String download = PhonePage.escape(presigner.resultDownload(key, filename).url());
            body.append("<figure><img src=\"").append(PhonePage.escape(url.url())).append("\" alt=\"Photo ").append(shot)
                    .append("\">").append("<br><a class=\"download\" href=\"").append(download).append("\" download=\"")
                    .append(filename).append("\">Download photo ").append(shot).append("</a></figure>\n");
            done++;
        }
        if (done == 0) {
            throw new ApiProblem(ProblemType.RESULTS_NOT_READY, "This request has no converted photo.");
        }
        String intro = "<p>Tap a photo and keep it, or use its download button. These links work for "
                + Math.max(1, (validFor.toSeconds() + 59) / 60) + " minutes.</p>\n";
        PhonePage.answer(exchange, 200, done == 1 ? "Your photo" : "Your photos", intro + body);
    }
}
