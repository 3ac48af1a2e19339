package io.photobooth.audit;

import static io.photobooth.contract.RowValues.instant;
import static io.photobooth.contract.RowValues.reason;

import java.util.List;
import java.util.Map;

import io.photobooth.audit.AuditTrail.Change;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.RequestAnswerer;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Turns the rows of a request's audit trail (the request joined with its {@code request_audit}
 * rows, in order) into an {@link AuditTrail}. No row means no such request for this vendor:
 * {@code unknown-request}; one row without a change is a request with none recorded (made before
 * the audit trail existed).
 */
public class AuditTrailReader implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = in.getBody(List.class);
        String requestId = in.getHeader(KioskHeaders.REQUEST_ID, String.class);
        if (rows == null || rows.isEmpty()) {
            throw RequestAnswerer.unknownRequest(requestId);
        }
        List<Change> changes = rows.stream()
                .filter(row -> row.get("status") != null)
                .map(row -> new Change(instant(row.get("changed_at")),
                        row.get("shot") == null ? null : ((Number) row.get("shot")).intValue(),
                        (String) row.get("status"),
                        reason(row.get("reason")),
                        (String) row.get("actor")))
                .toList();
        in.setBody(new AuditTrail(requestId, changes));
    }

}
