package io.photobooth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import io.photobooth.contract.RefundReason;

import org.junit.jupiter.api.Test;

/** The events of the rows the event stream reads, and their frames. */
class RequestEventTest {

    static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    /** A row of {@code EVENTS_AFTER} for a 2-shot request that is still queued. */
    static Map<String, Object> row(long eventId, String type, Integer shot, String status, String error) {
        Map<String, Object> row = new HashMap<>();
        row.put("request_status", "QUEUED");
        row.put("shots", 2);
        row.put("event_id", eventId);
        row.put("type", type);
        row.put("shot", shot);
        row.put("status", status);
        row.put("error", error);
        return row;
    }

    @Test
    void shouldSendARequestEventWithTheRequestsShots() throws Exception {
        RequestEvent event = RequestEvent.of(ID, row(3, "queued", null, "QUEUED", null));

        assertThat(event).isEqualTo(new RequestEvent(3, RequestEventType.QUEUED, RequestProgress.queued(ID, 2)));
        assertThat(event.frame()).isEqualTo("id: 3\nevent: queued\ndata: {\"requestId\":\"" + ID
                + "\",\"shots\":2,\"status\":\"QUEUED\"}\n\n");
    }

    @Test
    void shouldSendAShotEventWithItsShotAndLeaveOutAMissingError() throws Exception {
        RequestEvent event = RequestEvent.of(ID, row(4, "processing", 1, "PROCESSING", null));

        assertThat(event.data()).isEqualTo(new ShotProgress(ID, 1, 2, "PROCESSING", null, null));
        assertThat(event.frame()).isEqualTo("id: 4\nevent: processing\ndata: {\"requestId\":\"" + ID
                + "\",\"shot\":1,\"shots\":2,\"status\":\"PROCESSING\"}\n\n");
    }

    @Test
    void shouldSendTheReasonOfAFailedShot() throws Exception {
        RequestEvent event = RequestEvent.of(ID, row(5, "shot-done", 2, "FAILED", "the upload is not a photo"));

        assertThat(event.frame()).isEqualTo("id: 5\nevent: shot-done\ndata: {\"requestId\":\"" + ID
                + "\",\"shot\":2,\"shots\":2,\"status\":\"FAILED\",\"error\":\"the upload is not a photo\"}\n\n");
    }

    @Test
    void shouldSayWhetherAFinalEventIsRefundEligibleAndWhy() throws Exception {
        Map<String, Object> expired = row(9, "expired", null, "EXPIRED", null);
        expired.put("reason", "DEADLINE_MISSED");

        assertThat(RequestEvent.of(ID, expired).frame()).isEqualTo("id: 9\nevent: expired\ndata: {\"requestId\":\"" + ID
                + "\",\"shots\":2,\"status\":\"EXPIRED\",\"refundEligible\":true,\"refundReason\":\"DEADLINE_MISSED\"}\n\n");
        assertThat(RequestEvent.of(ID, row(10, "done", null, "DONE", null)).frame()).isEqualTo("id: 10\nevent: done\n"
                + "data: {\"requestId\":\"" + ID + "\",\"shots\":2,\"status\":\"DONE\",\"refundEligible\":false}\n\n");
    }

    @Test
    void shouldSendTheReasonCodeOfAnExpiredShot() throws Exception {
        Map<String, Object> row = row(7, "shot-done", 1, "EXPIRED", "the deadline had passed");
        row.put("reason", "DEADLINE_MISSED");

        assertThat(RequestEvent.of(ID, row).data()).isEqualTo(new ShotProgress(ID, 1, 2, "EXPIRED",
                "the deadline had passed", RefundReason.DEADLINE_MISSED));
    }

    @Test
    void shouldNameEveryTypeAsTheStreamAndTheTableDo() {
        assertThat(RequestEventType.values()).extracting(RequestEventType::eventName)
                .containsExactly("queued", "processing", "shot-done", "done", "failed", "expired");
        assertThat(RequestEventType.ofEventName("shot-done")).isEqualTo(RequestEventType.SHOT_DONE);
        assertThat(RequestEventType.values()).filteredOn(RequestEventType::ofShot)
                .containsExactly(RequestEventType.PROCESSING, RequestEventType.SHOT_DONE);
        assertThatThrownBy(() -> RequestEventType.ofEventName("cancelled")).isInstanceOf(IllegalArgumentException.class);
    }
}
