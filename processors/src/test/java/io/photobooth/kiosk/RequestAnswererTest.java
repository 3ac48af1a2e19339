package io.photobooth.kiosk;

import static io.photobooth.support.TestCatalogue.NOW;
import static io.photobooth.support.TestCatalogue.RESULT_EXPIRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.photobooth.contract.RefundReason;
import io.photobooth.contract.ShotStatus;
import io.photobooth.support.TestCatalogue;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class RequestAnswererTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final Instant CREATED = Instant.parse("2025-03-04T05:00:00.123456Z");
    private static final Instant FINISHED = Instant.parse("2025-03-04T05:01:30Z");
    private static final S3Presigner S3 = TestCatalogue.s3Presigner();

    private final RequestAnswerer answerer = new RequestAnswerer(TestCatalogue.presigner(S3), "test");

    @AfterAll
    static void closePresigner() {
        S3.close();
    }

    private static Map<String, Object> row(String status, Object createdAt, Object finishedAt, int shot,
            String shotStatus, String error) {
        Map<String, Object> row = new HashMap<>();
        row.put("request_id", ID);
        row.put("concept", "sketch");
        row.put("shots", 3);
        row.put("status", status);
        row.put("created_at", createdAt);
        row.put("finished_at", finishedAt);
        row.put("shot", shot);
        row.put("shot_status", shotStatus);
        row.put("error", error);
        row.put("deadline_seconds", 120);
        return row;
    }

    private static Exchange rows(List<Map<String, Object>> rows) {
        Exchange exchange = TestCatalogue.exchange();
        exchange.getMessage().setHeader(KioskHeaders.REQUEST_ID, ID);
        exchange.getMessage().setHeader(KioskHeaders.VENDOR, "acme");
        exchange.getMessage().setBody(rows);
        return exchange;
    }

    @Test
    void shouldAnswerWithResultUrlsOnlyForDoneShots() {
        Timestamp created = Timestamp.from(CREATED);
        Exchange exchange = rows(List.of(
                row("FAILED", created, Timestamp.from(FINISHED), 1, "DONE", null),
                row("FAILED", created, Timestamp.from(FINISHED), 2, "FAILED", "model crashed"),
                row("FAILED", created, Timestamp.from(FINISHED), 3, "DONE", null)));

        answerer.process(exchange);

        RequestAnswer answer = exchange.getMessage().getBody(RequestAnswer.class);
        assertThat(answer.requestId()).isEqualTo(ID);
        assertThat(answer.concept()).isEqualTo("sketch");
        assertThat(answer.shots()).isEqualTo(3);
        assertThat(answer.status()).isEqualTo(ShotStatus.FAILED);
        assertThat(answer.statusUrl()).isEqualTo("/api/v1/requests/" + ID);
        assertThat(answer.results()).extracting(ShotResult::shot).containsExactly(1, 2, 3);

        ShotResult first = answer.results().get(0);
        assertThat(first.status()).isEqualTo(ShotStatus.DONE);
        assertThat(first.url()).startsWith("http://127.0.0.1:9/photos/results/test/acme/" + ID + "/1.jpg?")
                .contains("X-Amz-Signature=");
        assertThat(first.expiresAt()).isEqualTo(NOW.plus(RESULT_EXPIRY));
        assertThat(first.error()).isNull();

        ShotResult failed = answer.results().get(1);
        assertThat(failed.status()).isEqualTo(ShotStatus.FAILED);
        assertThat(failed.url()).isNull();
        assertThat(failed.expiresAt()).isNull();
        assertThat(failed.error()).isEqualTo("model crashed");

        assertThat(answer.results().get(2).url()).contains("/results/test/acme/" + ID + "/3.jpg?");
    }

    @Test
    void shouldMarkAFailedRequestRefundEligibleWithItsReasonAndEachShotsReason() {
        Timestamp created = Timestamp.from(CREATED);
        Map<String, Object> done = row("FAILED", created, Timestamp.from(FINISHED), 1, "DONE", null);
        Map<String, Object> rejected = row("FAILED", created, Timestamp.from(FINISHED), 2, "FAILED", "not a photo");
        for (Map<String, Object> row : List.of(done, rejected)) {
            row.put("refund_reason", "INPUT_REJECTED");
            row.put("deadline_at", Timestamp.from(CREATED.plusSeconds(150)));
        }
        rejected.put("reason", "INPUT_REJECTED");
        Exchange exchange = rows(List.of(done, rejected));

        answerer.process(exchange);

        RequestAnswer answer = exchange.getMessage().getBody(RequestAnswer.class);
        assertThat(answer.refundEligible()).isTrue();
        assertThat(answer.refundReason()).isEqualTo(RefundReason.INPUT_REJECTED);
        assertThat(answer.deadlineSeconds()).isEqualTo(120);
        assertThat(answer.deadlineAt()).isEqualTo(CREATED.plusSeconds(150));
        assertThat(answer.results()).extracting(ShotResult::reason).containsExactly(null, RefundReason.INPUT_REJECTED);
    }

    @Test
    void shouldNotMarkARequestWithoutReasonRefundEligible() {
        Exchange exchange = rows(List.of(row("DONE", Timestamp.from(CREATED), Timestamp.from(FINISHED), 1, "DONE",
                null)));

        answerer.process(exchange);

        RequestAnswer answer = exchange.getMessage().getBody(RequestAnswer.class);
        assertThat(answer.refundEligible()).isFalse();
        assertThat(answer.refundReason()).isNull();
        assertThat(answer.deadlineAt()).as("never queued: its deadline did not start").isNull();
    }

    @Test
    void shouldGiveNoUrlToShotsNotYetDone() {
        Exchange exchange = rows(List.of(
                row("QUEUED", Timestamp.from(CREATED), null, 1, "QUEUED", null),
                row("QUEUED", Timestamp.from(CREATED), null, 2, "UPLOADED", null)));

        answerer.process(exchange);

        RequestAnswer answer = exchange.getMessage().getBody(RequestAnswer.class);
        assertThat(answer.results()).extracting(ShotResult::status)
                .containsExactly(ShotStatus.QUEUED, ShotStatus.UPLOADED);
        assertThat(answer.results()).extracting(ShotResult::url).containsOnlyNulls();
        assertThat(answer.finishedAt()).isNull();
        assertThat(answer.finished()).isFalse();
    }

    @Test
    void shouldConvertSqlTimestampsToInstants() {
        Exchange exchange = rows(List.of(
                row("DONE", Timestamp.from(CREATED), Timestamp.from(FINISHED), 1, "DONE", null)));

        answerer.process(exchange);

        RequestAnswer answer = exchange.getMessage().getBody(RequestAnswer.class);
        assertThat(answer.createdAt()).isEqualTo(CREATED);
        assertThat(answer.finishedAt()).isEqualTo(FINISHED);
    }

    @Test
    void shouldConvertOffsetDateTimesAndInstants() {
        Exchange exchange = rows(List.of(row("DONE", OffsetDateTime.ofInstant(CREATED, ZoneOffset.ofHours(2)),
                FINISHED, 1, "DONE", null)));

        answerer.process(exchange);

        RequestAnswer answer = exchange.getMessage().getBody(RequestAnswer.class);
        assertThat(answer.createdAt()).isEqualTo(CREATED);
        assertThat(answer.finishedAt()).isEqualTo(FINISHED);
    }

    @Test
    void shouldRefuseValueThatIsNoTimestamp() {
        Exchange exchange = rows(List.of(row("DONE", "2025-03-04", null, 1, "DONE", null)));

        assertThatThrownBy(() -> answerer.process(exchange))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a timestamp");
    }

    @Test
    void shouldAnswerUnknownRequestWhenThereAreNoRows() {
        Exchange exchange = rows(List.of());

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> answerer.process(exchange));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_REQUEST);
        assertThat(problem.type().status()).isEqualTo(404);
        assertThat(problem.getMessage()).contains(ID);
    }

    @Test
    void shouldAnswerUnknownRequestWhenThereIsNoBody() {
        Exchange exchange = rows(null);

        ApiProblem problem = catchThrowableOfType(ApiProblem.class, () -> answerer.process(exchange));

        assertThat(problem.type()).isEqualTo(ProblemType.UNKNOWN_REQUEST);
    }
}
