package io.photobooth.kiosk;

import static io.photobooth.contract.RowValues.instant;
import static io.photobooth.contract.RowValues.reason;

import java.util.List;
import java.util.Map;

import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ShotStatus;
import io.photobooth.storage.ObjectPresigner;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns the rows of a request and its shots (one row per shot, as selected by the proxy routes)
 * into a {@link RequestAnswer}, with freshly presigned result URLs for the finished shots. No rows
 * means no such request for this vendor: {@link ProblemType#UNKNOWN_REQUEST}.
 */
public class RequestAnswerer implements Processor {

    private final ObjectPresigner presigner;
    private final String env;

    public RequestAnswerer(ObjectPresigner presigner, String env) {
        this.presigner = presigner;
        this.env = env;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = in.getBody(List.class);
        String requestId = in.getHeader(KioskHeaders.REQUEST_ID, String.class);
        if (rows == null || rows.isEmpty()) {
            throw unknownRequest(requestId);
        }
        in.setBody(answer(requestId, in.getHeader(KioskHeaders.VENDOR, String.class), rows));
    }

    public static ApiProblem unknownRequest(String requestId) {
        return new ApiProblem(ProblemType.UNKNOWN_REQUEST, "There is no request '" + requestId + "'.");
    }

    RequestAnswer answer(String requestId, String vendor, List<Map<String, Object>> rows) {
        Map<String, Object> first = rows.getFirst();
        ShotStatus status = ShotStatus.valueOf((String) first.get("status"));
        List<ShotResult> results = rows.stream().map(row -> {
            int shot = ((Number) row.get("shot")).intValue();
            ShotStatus shotStatus = ShotStatus.valueOf((String) row.get("shot_status"));
            if (shotStatus != ShotStatus.DONE) {
                return new ShotResult(shot, shotStatus, null, null, (String) row.get("error"), reason(row.get("reason")));
            }
            var url = presigner.result(ObjectKeys.result(env, vendor, requestId, shot));
            return new ShotResult(shot, shotStatus, url.url(), url.expiresAt(), null, null);
        }).toList();
        RefundReason refundReason = reason(first.get("refund_reason"));
        return new RequestAnswer(requestId, (String) first.get("concept"), ((Number) first.get("shots")).intValue(),
                (String) first.get("content_type"), status, instant(first.get("created_at")),
                instant(first.get("finished_at")), ((Number) first.get("deadline_seconds")).intValue(),
                instant(first.get("deadline_at")), refundReason != null, refundReason, results,
                ApiPaths.request(requestId));
    }


}
