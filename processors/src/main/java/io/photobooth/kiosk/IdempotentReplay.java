package io.photobooth.kiosk;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * A pre-request whose Idempotency-Key this vendor used before: answers with that request (its id
 * and stored status, read from the row in the body) when the body is the same, and refuses it with
 * {@link ProblemType#IDEMPOTENCY_KEY_REUSED} when the key was used for a different pre-request.
 */
public class IdempotentReplay implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = in.getBody(List.class);
        Map<String, Object> stored = rows.getFirst();
        boolean same = Objects.equals(stored.get("concept"), in.getHeader(KioskHeaders.CONCEPT))
                && ((Number) stored.get("shots")).intValue() == in.getHeader(KioskHeaders.SHOTS, Integer.class)
                && Objects.equals(stored.get("content_type"), in.getHeader(KioskHeaders.PHOTO_CONTENT_TYPE))
                && ((Number) stored.get("deadline_seconds")).longValue()
                        == in.getHeader(KioskHeaders.DEADLINE_SECONDS, Long.class);
        if (!same) {
            throw new ApiProblem(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a pre-request with another concept, shot count, format or"
                            + " deadline.");
        }
        in.setHeader(KioskHeaders.REQUEST_ID, stored.get("request_id").toString());
        in.setHeader(KioskHeaders.REQUEST_STATUS, stored.get("status"));
    }
}
