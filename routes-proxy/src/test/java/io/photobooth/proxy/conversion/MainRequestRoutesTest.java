package io.photobooth.proxy.conversion;

import static io.photobooth.proxy.support.KioskCalls.DEMO_KEY;
import static io.photobooth.proxy.support.KioskCalls.call;
import static io.photobooth.proxy.support.KioskCalls.contentType;
import static io.photobooth.proxy.support.KioskCalls.json;
import static io.photobooth.proxy.support.KioskCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.completion.ConversionWaiters;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.PhotoFormat;
import io.photobooth.contract.ShotStatus;
import io.photobooth.conversion.JobBatch;
import io.photobooth.events.RequestEventSignals;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.RequestSql;
import io.photobooth.proxy.events.RequestEventConfiguration;
import io.photobooth.proxy.fleet.WarmGeneratorRoutes;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.ExpressionBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * {@code main-request} and {@code enqueue-shots} with every external call replaced by a mock that
 * answers like the real endpoint would:
 * <ul>
 * <li>{@code main-request-load}, {@code reload-request} (jdbc SELECT): rows, one per shot;</li>
 * <li>{@code list-uploads} (aws2-s3 listObjects): a {@code List<S3Object>};</li>
 * <li>{@code claim-request}, {@code release-claim} (jdbc UPDATE): the {@code CamelJdbcUpdateCount} header;</li>
 * <li>{@code send-jobs} (aws2-sqs sendBatchMessage): a {@code SendMessageBatchResponse};</li>
 * <li>the warm-up, {@code direct:warm-generator-sketch}: intercepted and skipped
 * ({@code mock:direct:warm-generator-sketch}).</li>
 * </ul>
 * The conversion timeout is shortened to 0.2 s, so that a request that does not finish answers 202.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = MainRequestRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "photobooth.kiosk.conversion-timeout=PT0.2S")
class MainRequestRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, RequestEventConfiguration.class, KioskErrors.class,
        MainRequestRoutes.class})
    static class Slice {
    }

    private static final String REQUEST_ID = "5b0e3c1e-8a0c-4f5e-9a3b-2c1d0e9f8a7b";
    private static final String QUEUE = "local-demo-sketch";
    private static final Timestamp CREATED_AT = Timestamp.from(ProxyRouteTestBeans.NOW.minusSeconds(60));
    private static final Timestamp FINISHED_AT = Timestamp.from(ProxyRouteTestBeans.NOW.minusSeconds(5));

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Autowired
    ConversionWaiters conversionWaiters;

    @Autowired
    RequestEventSignals requestEventSignals;

    MockEndpoint loadRequest;
    MockEndpoint listUploads;
    MockEndpoint claimRequest;
    MockEndpoint sendJobs;
    MockEndpoint releaseClaim;
    MockEndpoint reloadRequest;
    MockEndpoint warmGenerator;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, MainRequestRoutes.ROUTE_ID, route -> {
                route.weaveById("main-request-load").replace().to("mock:main-request-load");
                route.weaveById("reload-request").replace().to("mock:reload-request");
                route.mockEndpointsAndSkip("direct:warm-generator-*");
            });
            AdviceWith.adviceWith(camelContext, MainRequestRoutes.ENQUEUE_ROUTE_ID, route -> {
                route.weaveById("list-uploads").replace().to("mock:list-uploads");
                route.weaveById("claim-request").replace().to("mock:claim-request");
                route.weaveById("send-jobs").replace().to("mock:send-jobs");
                route.weaveById("release-claim").replace().to("mock:release-claim");
            });
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        loadRequest = mock("main-request-load");
        listUploads = mock("list-uploads");
        claimRequest = mock("claim-request");
        sendJobs = mock("send-jobs");
        releaseClaim = mock("release-claim");
        reloadRequest = mock("reload-request");
        warmGenerator = mock(WarmGeneratorRoutes.endpointOf("sketch"));
        // The happy defaults; a test overrides the one it is about:
        claimRequest.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setHeader(JdbcConstants.JDBC_UPDATE_COUNT, 2));
        sendJobs.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(sent(2)));
        releaseClaim.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setHeader(JdbcConstants.JDBC_UPDATE_COUNT, 2));
    }

    private MockEndpoint mock(String nodeId) {
        return camelContext.getEndpoint("mock:" + nodeId, MockEndpoint.class);
    }

    @Test
    void refusesWithConflictWhileAShotIsNotUploadedAndSendsNoJob() throws Exception {
        returnRows(loadRequest, ShotStatus.PRE_REQUESTED, ShotStatus.PRE_REQUESTED, ShotStatus.PRE_REQUESTED);
        listUploads.returnReplyBody(constantBody(List.of(uploaded(1))));
        listUploads.expectedMessageCount(1);
        listUploads.expectedHeaderReceived(AWS2S3Constants.PREFIX, "uploads/local/demo/" + REQUEST_ID + "/");
        claimRequest.expectedMessageCount(0);
        sendJobs.expectedMessageCount(0);
        reloadRequest.expectedMessageCount(0);
        warmGenerator.expectedMessageCount(0);

        Exchange answer = convert();

        assertThat(status(answer)).isEqualTo(409);
        assertThat(contentType(answer)).isEqualTo("application/problem+json");
        JsonNode problem = json(answer);
        assertThat(problem.path("type").asText()).isEqualTo("urn:photobooth:problem:uploads-missing");
        assertThat(problem.path("missingShots")).extracting(JsonNode::asInt).containsExactly(2);
        MockEndpoint.assertIsSatisfied(listUploads, claimRequest, sendJobs, reloadRequest, warmGenerator);
    }

    @Test
    void treatsAnEmptyUploadAsMissing() throws Exception {
        returnRows(loadRequest, ShotStatus.PRE_REQUESTED, ShotStatus.PRE_REQUESTED, ShotStatus.PRE_REQUESTED);
        listUploads.returnReplyBody(constantBody(List.of(uploaded(1), S3Object.builder()
                .key(ObjectKeys.upload("local", "demo", REQUEST_ID, 2, PhotoFormat.JPEG)).size(0L).build())));
        sendJobs.expectedMessageCount(0);
        warmGenerator.expectedMessageCount(0);

        Exchange answer = convert();

        assertThat(status(answer)).isEqualTo(409);
        assertThat(json(answer).path("missingShots")).extracting(JsonNode::asInt).containsExactly(2);
        MockEndpoint.assertIsSatisfied(sendJobs, warmGenerator);
    }

    @Test
    void claimsTheRequestAndSendsOneJobPerShotInOneBatch() throws Exception {
        returnRows(loadRequest, ShotStatus.PRE_REQUESTED, ShotStatus.PRE_REQUESTED, ShotStatus.PRE_REQUESTED);
        listUploads.returnReplyBody(constantBody(List.of(uploaded(1), uploaded(2))));
        returnRows(reloadRequest, ShotStatus.QUEUED, ShotStatus.QUEUED, ShotStatus.QUEUED);
        claimRequest.expectedMessageCount(1);
        claimRequest.expectedBodiesReceived(RequestSql.CLAIM_FOR_QUEUE.strip());
        claimRequest.expectedHeaderReceived(KioskHeaders.REQUEST_ID, REQUEST_ID);
        claimRequest.expectedHeaderReceived(KioskHeaders.VENDOR, "demo");
        sendJobs.expectedMessageCount(1);
        sendJobs.expectedHeaderReceived(JobBatch.QUEUE, QUEUE);
        releaseClaim.expectedMessageCount(0);
        reloadRequest.expectedMessageCount(1);
        warmGenerator.expectedMessageCount(1);
        warmGenerator.expectedHeaderReceived(KioskHeaders.CONCEPT, "sketch");

        Exchange answer = convert();

        MockEndpoint.assertIsSatisfied(claimRequest, sendJobs, releaseClaim, reloadRequest, warmGenerator);
        List<ConversionJob> jobs = jobs(sendJobs.getReceivedExchanges().getFirst());
        assertThat(jobs).extracting(ConversionJob::shot).containsExactly(1, 2);
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.requestId()).isEqualTo(REQUEST_ID);
            assertThat(job.shots()).isEqualTo(2);
            assertThat(job.env()).isEqualTo("local");
            assertThat(job.vendor()).isEqualTo("demo");
            assertThat(job.concept()).isEqualTo("sketch");
            assertThat(job.inputKey()).isEqualTo(ObjectKeys.upload("local", "demo", REQUEST_ID, job.shot(), PhotoFormat.JPEG));
            assertThat(job.outputKey()).isEqualTo(ObjectKeys.result("local", "demo", REQUEST_ID, job.shot()));
            assertThat(job.enqueuedAt()).isEqualTo(ProxyRouteTestBeans.NOW);
        });
        // not finished within the (shortened) conversion timeout: 202 with the status URL
        assertThat(status(answer)).isEqualTo(202);
        JsonNode body = json(answer);
        assertThat(body.path("status").asText()).isEqualTo("QUEUED");
        assertThat(body.path("statusUrl").asText()).isEqualTo("/api/v1/requests/" + REQUEST_ID);
        assertThat(conversionWaiters.size()).as("the kiosk's waiter is gone once it answered").isZero();
    }

    @Test
    void answersTheOutcomeWithoutWaitingOutTheTimeoutWhenTheRequestFinishesWhileItsJobsAreSent() throws Exception {
        returnRows(loadRequest, ShotStatus.UPLOADED, ShotStatus.UPLOADED, ShotStatus.UPLOADED);
        listUploads.returnReplyBody(constantBody(List.of(uploaded(1), uploaded(2))));
        AtomicLong sentAt = new AtomicLong();
        AtomicLong reloadedAt = new AtomicLong();
        // the completion subscriber reports the request finished before the kiosk's thread reaches its wait
        sendJobs.whenAnyExchangeReceived(exchange -> {
            conversionWaiters.finished(REQUEST_ID);
            exchange.getMessage().setBody(sent(2));
            sentAt.set(System.nanoTime());
        });
        reloadRequest.whenAnyExchangeReceived(exchange -> {
            reloadedAt.set(System.nanoTime());
            exchange.getMessage().setBody(rows(ShotStatus.DONE, ShotStatus.DONE, ShotStatus.DONE));
        });
        sendJobs.expectedMessageCount(1);
        reloadRequest.expectedMessageCount(1);
        warmGenerator.expectedMessageCount(1);

        Exchange answer = convert();

        MockEndpoint.assertIsSatisfied(sendJobs, reloadRequest, warmGenerator);
        assertThat(Duration.ofNanos(reloadedAt.get() - sentAt.get()))
                .as("the completion was not lost: no wait for the 0.2 s conversion timeout")
                .isLessThan(Duration.ofMillis(200));
        assertThat(status(answer)).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.path("status").asText()).isEqualTo("DONE");
        assertThat(body.path("results")).hasSize(2).allSatisfy(result -> assertThat(result.path("url").asText())
                .contains("/photobooth-local/results/local/demo/" + REQUEST_ID + "/"));
        assertThat(conversionWaiters.size()).isZero();
    }

    @Test
    void sendsNoJobWhenAnotherCallClaimedTheRequestFirst() throws Exception {
        returnRows(loadRequest, ShotStatus.UPLOADED, ShotStatus.UPLOADED, ShotStatus.UPLOADED);
        listUploads.returnReplyBody(constantBody(List.of(uploaded(1), uploaded(2))));
        claimRequest.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setHeader(JdbcConstants.JDBC_UPDATE_COUNT, 0));
        returnRows(reloadRequest, ShotStatus.QUEUED, ShotStatus.QUEUED, ShotStatus.QUEUED);
        claimRequest.expectedMessageCount(1);
        sendJobs.expectedMessageCount(0);
        reloadRequest.expectedMessageCount(1);
        warmGenerator.expectedMessageCount(1);

        Exchange answer = convert();

        MockEndpoint.assertIsSatisfied(claimRequest, sendJobs, reloadRequest, warmGenerator);
        assertThat(status(answer)).isEqualTo(202);
    }

    @Test
    void wakesTheEventStreamsOfTheRequestOnceItsClaimStoredTheQueuedEvent() throws Exception {
        returnRows(loadRequest, ShotStatus.PRE_REQUESTED, ShotStatus.PRE_REQUESTED, ShotStatus.PRE_REQUESTED);
        listUploads.returnReplyBody(constantBody(List.of(uploaded(1), uploaded(2))));
        returnRows(reloadRequest, ShotStatus.QUEUED, ShotStatus.QUEUED, ShotStatus.QUEUED);
        warmGenerator.expectedMessageCount(1);
        RequestEventSignals.Listener stream = requestEventSignals.listen(REQUEST_ID);

        convert();

        warmGenerator.assertIsSatisfied();
        assertThat(stream.await(Duration.ZERO)).as("woken").isTrue();
    }

    @Test
    void wakesNoEventStreamWhenAnotherCallClaimedTheRequest() throws Exception {
        returnRows(loadRequest, ShotStatus.UPLOADED, ShotStatus.UPLOADED, ShotStatus.UPLOADED);
        listUploads.returnReplyBody(constantBody(List.of(uploaded(1), uploaded(2))));
        claimRequest.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setHeader(JdbcConstants.JDBC_UPDATE_COUNT, 0));
        returnRows(reloadRequest, ShotStatus.QUEUED, ShotStatus.QUEUED, ShotStatus.QUEUED);
        warmGenerator.expectedMessageCount(1);
        RequestEventSignals.Listener stream = requestEventSignals.listen(REQUEST_ID);

        convert();

        warmGenerator.assertIsSatisfied();
        assertThat(stream.await(Duration.ZERO)).as("woken").isFalse();
        stream.close();
    }

    @Test
    void waitsWithoutEnqueueingAgainWhenTheRequestIsAlreadyQueued() throws Exception {
        returnRows(loadRequest, ShotStatus.QUEUED, ShotStatus.QUEUED, ShotStatus.QUEUED);
        returnRows(reloadRequest, ShotStatus.QUEUED, ShotStatus.QUEUED, ShotStatus.QUEUED);
        listUploads.expectedMessageCount(0);
        claimRequest.expectedMessageCount(0);
        sendJobs.expectedMessageCount(0);
        reloadRequest.expectedMessageCount(1);
        warmGenerator.expectedMessageCount(1);

        Exchange answer = convert();

        MockEndpoint.assertIsSatisfied(listUploads, claimRequest, sendJobs, reloadRequest, warmGenerator);
        assertThat(status(answer)).isEqualTo(202);
    }

    @Test
    void answersAFinishedRequestAtOnceWithoutStorageQueueOrClaim() throws Exception {
        returnRows(loadRequest, ShotStatus.DONE, ShotStatus.DONE, ShotStatus.DONE);
        loadRequest.expectedMessageCount(1);
        loadRequest.expectedBodiesReceived(RequestSql.SELECT_REQUEST.strip());
        listUploads.expectedMessageCount(0);
        claimRequest.expectedMessageCount(0);
        sendJobs.expectedMessageCount(0);
        reloadRequest.expectedMessageCount(0);
        warmGenerator.expectedMessageCount(0);

        Exchange answer = convert();

        MockEndpoint.assertIsSatisfied(loadRequest, listUploads, claimRequest, sendJobs, reloadRequest, warmGenerator);
        assertThat(status(answer)).isEqualTo(200);
        assertThat(contentType(answer)).isEqualTo("application/json");
        JsonNode body = json(answer);
        assertThat(body.path("requestId").asText()).isEqualTo(REQUEST_ID);
        assertThat(body.path("status").asText()).isEqualTo("DONE");
        assertThat(body.path("finishedAt").asText()).isEqualTo(FINISHED_AT.toInstant().toString());
        JsonNode results = body.path("results");
        assertThat(results).hasSize(2);
        for (int shot = 1; shot <= 2; shot++) {
            assertThat(results.get(shot - 1).path("url").asText())
                    .contains("/photobooth-local/" + ObjectKeys.result("local", "demo", REQUEST_ID, shot))
                    .contains("X-Amz-Signature=");
        }
    }

    @Test
    void releasesTheClaimAndAnswersAProblemWhenSqsRefusesAJob() throws Exception {
        returnRows(loadRequest, ShotStatus.UPLOADED, ShotStatus.UPLOADED, ShotStatus.UPLOADED);
        listUploads.returnReplyBody(constantBody(List.of(uploaded(1), uploaded(2))));
        sendJobs.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("0").messageId("m-0").build())
                .failed(BatchResultErrorEntry.builder().id("1").code("InternalError").senderFault(false)
                        .message("try again").build())
                .build()));
        sendJobs.expectedMessageCount(1);
        releaseClaim.expectedMessageCount(1);
        releaseClaim.expectedBodiesReceived(RequestSql.RELEASE_CLAIM.strip());
        releaseClaim.expectedHeaderReceived(KioskHeaders.REQUEST_ID, REQUEST_ID);
        reloadRequest.expectedMessageCount(0);
        warmGenerator.expectedMessageCount(0);

        Exchange answer = convert();

        MockEndpoint.assertIsSatisfied(sendJobs, releaseClaim, reloadRequest, warmGenerator);
        assertThat(status(answer)).isEqualTo(500);
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:internal-error");
        assertThat(conversionWaiters.size()).as("the registration of the failed enqueue is dropped").isZero();
    }

    @Test
    void answersUnknownRequestForAnotherVendorsOrMissingRequest() throws Exception {
        loadRequest.returnReplyBody(constantBody(List.of()));
        listUploads.expectedMessageCount(0);
        warmGenerator.expectedMessageCount(0);

        Exchange answer = convert();

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:unknown-request");
        MockEndpoint.assertIsSatisfied(listUploads, warmGenerator);
    }

    @Test
    void refusesANonCanonicalRequestIdBeforeAnySql() throws Exception {
        loadRequest.expectedMessageCount(0);

        Exchange answer = call(template, MainRequestRoutes.ENDPOINT, null,
                Map.of(KioskHeaders.API_KEY, DEMO_KEY, KioskHeaders.REQUEST_ID, "1 or 1=1"));

        assertThat(status(answer)).isEqualTo(404);
        loadRequest.assertIsSatisfied();
    }

    // --- helpers -------------------------------------------------------------------------------

    private Exchange convert() {
        return call(template, MainRequestRoutes.ENDPOINT, null,
                Map.of(KioskHeaders.API_KEY, DEMO_KEY, KioskHeaders.REQUEST_ID, REQUEST_ID));
    }

    /** Makes a jdbc SELECT mock answer the rows of a 2-shot request in the given states. */
    private static void returnRows(MockEndpoint select, ShotStatus request, ShotStatus shot1, ShotStatus shot2) {
        select.returnReplyBody(constantBody(rows(request, shot1, shot2)));
    }

    /** The rows camel-jdbc returns for {@link RequestSql#SELECT_REQUEST}: one per shot. */
    static List<Map<String, Object>> rows(ShotStatus request, ShotStatus... shots) {
        boolean finished = request == ShotStatus.DONE || request == ShotStatus.FAILED;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int shot = 1; shot <= shots.length; shot++) {
            Map<String, Object> row = new HashMap<>();
            row.put("request_id", UUID.fromString(REQUEST_ID));
            row.put("concept", "sketch");
            row.put("content_type", "image/jpeg");
            row.put("shots", shots.length);
            row.put("status", request.name());
            row.put("created_at", CREATED_AT);
            row.put("finished_at", finished ? FINISHED_AT : null);
            row.put("shot", shot);
            row.put("shot_status", shots[shot - 1].name());
            row.put("error", null);
            row.put("deadline_seconds", 120);
            rows.add(row);
        }
        return rows;
    }

    private static S3Object uploaded(int shot) {
        return S3Object.builder().key(ObjectKeys.upload("local", "demo", REQUEST_ID, shot, PhotoFormat.JPEG)).size(48_213L).build();
    }

    private static SendMessageBatchResponse sent(int jobs) {
        return SendMessageBatchResponse.builder()
                .successful(IntStream.range(0, jobs)
                        .mapToObj(i -> SendMessageBatchResultEntry.builder().id(String.valueOf(i)).messageId("m-" + i)
                                .build())
                        .toList())
                .build();
    }

    private static Expression constantBody(Object body) {
        return ExpressionBuilder.constantExpression(body);
    }

    @SuppressWarnings("unchecked")
    private static List<ConversionJob> jobs(Exchange batchSend) throws Exception {
        List<String> messages = batchSend.getMessage().getBody(List.class);
        List<ConversionJob> jobs = new ArrayList<>();
        for (String message : messages) {
            jobs.add(Json.mapper().readValue(message, ConversionJob.class));
        }
        return jobs;
    }
}
