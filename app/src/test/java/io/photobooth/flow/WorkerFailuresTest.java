package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.ConversionJob;
import io.photobooth.contract.Json;
import io.photobooth.local.LocalGeneratorInstances;
import io.photobooth.support.GuardedUpdates;
import io.photobooth.support.GuardedUpdates.Count;
import io.photobooth.support.JobQueue;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The generator's failures against the real embedded servers, SQS's redelivery and redrive
 * included. The fleet is not managed here (no watch, no idle stop): the test starts the local
 * instance itself, after it has played a generator that took a job and died, or SQS delivering a
 * job twice. Visibility timeouts are 2 s, so a job a generator did not delete comes back quickly.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.fleet.managed=false",
    "photobooth.generator.visibility-timeout-seconds=2",
    "photobooth.kiosk.conversion-timeout=PT1S",
})
@DirtiesContext
class WorkerFailuresTest {

    @LocalServerPort
    int port;

    @Autowired
    LocalGeneratorInstances instances;

    @Autowired
    SqsClient sqs;

    @Autowired
    S3Client s3;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kiosk;
    GuardedUpdates updates;
    JobQueue queue;

    @BeforeEach
    void kioskWithTheGeneratorStopped() {
        kiosk = new KioskClient(port);
        updates = GuardedUpdates.on(camel);
        queue = JobQueue.of(sqs, properties.env(), "demo", "sketch");
        if (instances.state("local-sketch") != InstanceStateName.STOPPED) {
            instances.stop(List.of("local-sketch"));
            await().atMost(Duration.ofSeconds(30)).until(() -> instances.state("local-sketch") == InstanceStateName.STOPPED);
        }
    }

    @AfterEach
    void stopWatching() {
        updates.close();
    }

    @Test
    void aJobWhoseGeneratorDiedIsConvertedByTheNextOneAndCountedOnce() {
        String requestId = queued();
        Message taken = receiveJob();
        assertThat(taken).as("a generator took the job and died: it never deletes it").isNotNull();

        startGenerator();

        Answer done = awaitFinished(requestId);
        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        assertThat(updates.recordShot(requestId, 1).changed()).isEqualTo(1);
        assertThat(updates.finishRequest(requestId).changed()).isEqualTo(1);
        assertThat(shotDoneEvents(requestId)).isEqualTo(1);
    }

    @Test
    void aJobDeliveredTwiceIsConvertedTwiceAndCountedOnce() {
        String requestId = queued();
        Message job = receiveJob();
        sqs.sendMessage(send -> send.queueUrl(queue.url()).messageBody(job.body()));
        sqs.changeMessageVisibility(change -> change.queueUrl(queue.url()).receiptHandle(job.receiptHandle())
                .visibilityTimeout(0));

        startGenerator();

        Answer done = awaitFinished(requestId);
        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        await().atMost(Duration.ofSeconds(20)).until(() -> updates.recordShot(requestId, 1).runs() >= 2);
        assertThat(updates.recordShot(requestId, 1)).as("both completions arrived, one changed the shot")
                .extracting(Count::changed).isEqualTo(1);
        assertThat(updates.finishRequest(requestId).changed()).isEqualTo(1);
        assertThat(shotDoneEvents(requestId)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(queue::isEmpty);
    }

    @Test
    void aJobThatKeepsFailingIsDeadLetteredAndTheKioskGetsTheReason() throws Exception {
        String requestId = queued();
        String upload = Json.mapper().readValue(receiveJobAndRelease().body(), ConversionJob.class).inputKey();
        s3.deleteObject(delete -> delete.bucket(properties.bucket()).key(upload));

        startGenerator();

        Answer failed = awaitFinished(requestId);
        assertThat(failed.json().get("status").asText()).isEqualTo("FAILED");
        JsonNode shot = failed.json().get("results").get(0);
        assertThat(shot.get("status").asText()).isEqualTo("FAILED");
        assertThat(shot.get("error").asText()).isEqualTo("the generator could not convert this shot (3 attempts failed)");
        assertThat(queue.visible()).isZero();
    }

    @Test
    void aStoppingGeneratorFinishesTheJobsItHoldsAndLeavesTheOthersOnTheQueue() {
        startGenerator();
        await().atMost(Duration.ofSeconds(10)).until(() -> instances.state("local-sketch") == InstanceStateName.RUNNING);
        // photos large enough that converting four takes seconds, so the stop comes in the middle
        String requestId = queued(4, 800, 600);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> processingEvents(requestId) > 0);

        instances.stop(List.of("local-sketch"));
        await().atMost(Duration.ofSeconds(60)).until(() -> instances.state("local-sketch") == InstanceStateName.STOPPED);

        assertThat(queue.inFlight())
                .as("no job is left held by the stopped generator").isZero();
        startGenerator();
        assertThat(awaitFinished(requestId).json().get("status").asText()).isEqualTo("DONE");
        assertThat(shotDoneEvents(requestId)).isEqualTo(4);
    }

    /** A pre-requested, uploaded and enqueued one-shot request; the kiosk's main request timed out (202). */
    private String queued() {
        return queued(1, 64, 48);
    }

    private String queued(int shots, int width, int height) {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":" + shots + "}");
        String requestId = pre.json().get("requestId").asText();
        for (JsonNode upload : KioskClient.list(pre.json().get("uploads"))) {
            assertThat(kiosk.upload(upload, TestPhotos.portrait(width, height, Color.ORANGE))).isEqualTo(200);
        }
        assertThat(kiosk.conversion(KioskClient.DEMO_KEY, requestId).status()).isIn(200, 202);
        return requestId;
    }

    private int processingEvents(String requestId) {
        return jdbc.queryForObject("select count(*) from request_event where request_id = cast(? as uuid)"
                + " and type = 'processing'", Integer.class, requestId);
    }

    private Message receiveJob() {
        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queue.url()).waitTimeSeconds(5)
                .maxNumberOfMessages(1)).messages();
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }

    private Message receiveJobAndRelease() {
        Message job = receiveJob();
        sqs.changeMessageVisibility(change -> change.queueUrl(queue.url()).receiptHandle(job.receiptHandle())
                .visibilityTimeout(0));
        return job;
    }

    private void startGenerator() {
        instances.start(List.of("local-sketch"));
    }

    private Answer awaitFinished(String requestId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !List.of("QUEUED")
                .contains(kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("status").asText()));
        return kiosk.status(KioskClient.DEMO_KEY, requestId);
    }

    private int shotDoneEvents(String requestId) {
        return jdbc.queryForObject("select count(*) from request_event where request_id = cast(? as uuid)"
                + " and type = 'shot-done'", Integer.class, requestId);
    }
}
