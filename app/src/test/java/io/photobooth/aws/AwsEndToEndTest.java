package io.photobooth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.photobooth.PhotoboothApplication;
import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.PhotoFormat;
import io.photobooth.generator.ConversionWorkerRoutes;
import io.photobooth.support.JobQueue;
import io.photobooth.support.ConvertedPhotos;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.KioskEventStream;
import io.photobooth.support.KioskEventStream.Opened;
import io.photobooth.support.KioskEventStream.Received;
import io.photobooth.support.MotoServer;
import io.photobooth.support.SecondProxy;
import io.photobooth.support.TestPhotos;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The whole flow in the {@code aws} profile, as it runs in production: a proxy and a generator,
 * two application contexts configured through the profile's environment variables, against the
 * moto server (S3 with presigned URLs, SQS with dead-letter queues and redrive, EC2) and PostgreSQL
 * and Redis from the embedded servers, Redis with TLS and an ACL user. The test provisions what the
 * deploy stack would: the bucket, every jobs queue with its DLQ (three receives), and stopped
 * instances per concept. The generator context is started once the proxy has started its EC2
 * instance, as the instance's boot would, loads its models from {@code s3://}, and serves only its
 * group's queues. Moto changes instance states at once, where EC2 takes seconds.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AwsEndToEndTest {

    static final String BUCKET = "photobooth-moto";
    static final String ENV = "prod";
    static final int MAX_RECEIVE_COUNT = 3;
    static final List<String> CONCEPTS = List.of("sketch", "toon", "watercolor");
    static final List<String> QUEUES = List.of("demo-sketch", "demo-toon", "demo-watercolor", "acme-sketch", "acme-toon");
    static final Path WORK = Path.of("target", "aws-end-to-end");

    static final MotoServer MOTO = MotoServer.get();
    static EmbeddedPostgres postgres;
    static TlsRedis redis;
    static Map<String, String> instances;
    static ConfigurableApplicationContext proxy;
    static ConfigurableApplicationContext generator;
    static KioskClient kiosk;

    @BeforeAll
    static void provisionAndStartTheProxy() throws IOException {
        MOTO.reset();
        MOTO.s3().createBucket(create -> create.bucket(BUCKET));
        for (String queue : QUEUES) {
            MOTO.createQueueWithDeadLetterQueue(ENV + "-" + queue, MAX_RECEIVE_COUNT);
        }
        instances = CONCEPTS.stream().collect(Collectors.toMap(concept -> concept,
                concept -> MOTO.createStoppedInstances(1).getFirst()));
        for (String concept : CONCEPTS) {
            uploadModel(concept);
        }
        postgres = EmbeddedPostgres.builder().start();
        redis = new TlsRedis(WORK.resolve("redis"));
        proxy = start("--photobooth.roles.generator=false");
        kiosk = new KioskClient(SecondProxy.port(proxy));
    }

    @AfterAll
    static void stopEverything() throws IOException {
        for (ConfigurableApplicationContext application : new ConfigurableApplicationContext[] {generator, proxy}) {
            if (application != null) {
                application.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aCustomerIsConvertedByAGeneratorThatStartsForThemAndStopsWhenIdleAndAPhotoThatIsGoneEndsInTheDlq()
            throws Exception {
        assertThat(kiosk.generatorState(KioskClient.DEMO_KEY, "sketch")).isEqualTo("STOPPED");
        assertThat(ec2States().values()).hasSize(CONCEPTS.size()).containsOnly(InstanceStateName.STOPPED);

        // a customer pays: the proxy starts the sketch group's instance, and no generator has announced itself yet
        Answer lost = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        assertThat(lost.status()).isEqualTo(201);
        assertThat(lost.json().get("generator").asText()).isEqualTo("STARTING");
        await().atMost(Duration.ofSeconds(10)).until(() -> ec2States().get(instances.get("sketch")) == InstanceStateName.RUNNING);
        assertThat(kiosk.generatorState(KioskClient.DEMO_KEY, "sketch")).isEqualTo("STARTING");

        // its photo is uploaded and queued, then lost before any generator reads it
        String lostId = lost.json().get("requestId").asText();
        assertThat(kiosk.upload(lost.json().get("uploads").get(0), TestPhotos.portrait(64, 48, Color.ORANGE)))
                .isEqualTo(200);
        CompletableFuture<Answer> lostAnswer = CompletableFuture.supplyAsync(
                () -> kiosk.conversion(KioskClient.DEMO_KEY, lostId));
        await().atMost(Duration.ofSeconds(10)).until(() -> "QUEUED".equals(status(lostId)));
        MOTO.s3().deleteObject(delete -> delete.bucket(BUCKET).key(ObjectKeys.upload(ENV, "demo", lostId, 1,
                PhotoFormat.JPEG)));

        // the instance has booted: its generator starts, announces itself, and fails the job on each receive
        generator = start("--photobooth.roles.proxy=false",
                "--photobooth.generator.instance-id=" + instances.get("sketch"),
                "--photobooth.models-dir=" + WORK.resolve("models"),
                "--photobooth.concepts.sketch.model=s3://" + BUCKET + "/models/sketch",
                "--photobooth.concepts.toon.model=s3://" + BUCKET + "/models/toon",
                "--photobooth.concepts.watercolor.model=s3://" + BUCKET + "/models/watercolor");
        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.generatorState(KioskClient.DEMO_KEY, "sketch").equals("READY"));
        assertThat(generator.getBean(CamelContext.class).getRoutes()).extracting(Route::getRouteId)
                .filteredOn(id -> id.startsWith(ConversionWorkerRoutes.TEMPLATE_ID))
                .as("only its group's queues").containsExactlyInAnyOrder(
                        "conversion-worker-prod-acme-sketch", "conversion-worker-prod-demo-sketch");

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> "FAILED".equals(status(lostId)));
        JsonNode lostShot = kiosk.status(KioskClient.DEMO_KEY, lostId).json().get("results").get(0);
        assertThat(lostShot.get("status").asText()).isEqualTo("FAILED");
        assertThat(lostShot.get("error").asText())
                .isEqualTo("the generator could not convert this shot (" + MAX_RECEIVE_COUNT + " attempts failed)");
        assertThat(lostAnswer.get(30, TimeUnit.SECONDS).status()).isIn(200, 202);
        assertThat(generatorCount("photobooth.jobs.received")).as("receives before SQS moved it to the DLQ")
                .isEqualTo(MAX_RECEIVE_COUNT);
        assertThat(generatorCount("photobooth.jobs.errors")).isEqualTo(MAX_RECEIVE_COUNT);
        assertThat(MOTO.s3().headObject(head -> head.bucket(BUCKET).key(ObjectKeys.failure(ENV, "demo", lostId, 1)))
                .serverSideEncryption()).as("the proxy's failure record").isEqualTo(ServerSideEncryption.AES256);

        // the next customer finds the generator ready and gets both shots converted
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":2}");
        assertThat(pre.status()).isEqualTo(201);
        assertThat(pre.json().get("status").asText()).isEqualTo("PRE_REQUESTED");
        assertThat(pre.json().get("generator").asText()).isEqualTo("READY");
        String requestId = pre.json().get("requestId").asText();
        List<JsonNode> uploads = KioskClient.list(pre.json().get("uploads"));
        byte[][] photos = {TestPhotos.portrait(96, 72, Color.BLUE), TestPhotos.portrait(60, 90, Color.RED)};
        for (int i = 0; i < photos.length; i++) {
            assertThat(uploads.get(i).get("url").asText()).as("path-style, at moto")
                    .startsWith(MOTO.endpoint() + "/" + BUCKET + "/uploads/" + ENV + "/demo/" + requestId + "/");
            assertThat(kiosk.upload(uploads.get(i), photos[i])).isEqualTo(200);
        }

        Opened stream = new KioskEventStream(SecondProxy.port(proxy)).open(KioskClient.DEMO_KEY, requestId, null);
        Answer done = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

        ConvertedPhotos.assertConverted(kiosk, done, photos);
        for (int i = 0; i < photos.length; i++) {
            int shot = i + 1;
            assertThat(MOTO.s3().headObject(head -> head.bucket(BUCKET).key(ObjectKeys.result(ENV, "demo", requestId, shot)))
                    .serverSideEncryption()).as("the generator's result").isEqualTo(ServerSideEncryption.AES256);
        }
        Received received = stream.events().get(20, TimeUnit.SECONDS);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(received.types()).containsExactlyInAnyOrder("queued", "processing", "processing", "shot-done",
                "shot-done", "done");
        assertThat(received.types().getLast()).isEqualTo("done");
        Answer status = kiosk.status(KioskClient.DEMO_KEY, requestId);
        assertThat(status.json().get("status").asText()).isEqualTo("DONE");
        assertThat(status.json().get("results").get(1).get("url").asText()).contains("/results/" + ENV + "/demo/" + requestId);

        // idle for the idle timeout: the proxy stops the instance; no other concept's instance ever ran
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ec2States().get(instances.get("sketch")) == InstanceStateName.STOPPED);
        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.generatorState(KioskClient.DEMO_KEY, "sketch").equals("STOPPED"));
        assertThat(ec2States().values()).containsOnly(InstanceStateName.STOPPED);
        assertThat(JobQueue.of(MOTO.sqs(), ENV, "demo", "sketch").isEmpty()).isTrue();
    }

    @Test
    void theAwsProfileReadsItsPoolAndRedisSettingsFromTheEnvironment() {
        HikariDataSource pool = (HikariDataSource) proxy.getBean(DataSource.class);

        assertThat(pool.getPoolName()).isEqualTo("photobooth");
        assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
        assertThat(pool.getConnectionTimeout()).isEqualTo(3000);
        assertThat(proxy.getEnvironment().getProperty("spring.data.redis.ssl.enabled")).isEqualTo("true");
        assertThat(proxy.getEnvironment().getProperty("spring.data.redis.username")).isEqualTo(TlsRedis.USER);
    }

    @Test
    void thePublicHealthAnswerGivesTheStatusOnlyAndNoComponentsDetails() {
        Answer health = kiosk.get("/actuator/health", "application/json");

        assertThat(health.json().get("status").asText()).isIn("UP", "DOWN");
        assertThat(health.json().has("components")).as("components and their details hidden").isFalse();
    }

    /** A context of the {@code aws} profile, configured as the deploy stack configures one: by environment variables. */
    private static ConfigurableApplicationContext start(String... role) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=aws",
                "--server.port=0",
                "--PHOTOBOOTH_BUCKET=" + BUCKET,
                "--PHOTOBOOTH_SHARE_SECRET=aws-end-to-end-test-share-link-secret",
                "--DATABASE_URL=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--DATABASE_USER=postgres",
                "--DATABASE_PASSWORD=",
                "--DATABASE_POOL_SIZE=4",
                "--DATABASE_CONNECTION_TIMEOUT_MS=3000",
                "--REDIS_HOST=127.0.0.1",
                "--REDIS_PORT=" + redis.tlsPort(),
                "--REDIS_USERNAME=" + TlsRedis.USER,
                "--REDIS_PASSWORD=" + TlsRedis.PASSWORD,
                "--REDIS_TLS=true",
                // the test's own certificate authority; ElastiCache's certificates are trusted by the JDK's
                "--spring.ssl.bundle.pem.test-redis.truststore.certificate=file:" + redis.certificate().toAbsolutePath(),
                "--spring.data.redis.ssl.bundle=test-redis",
                "--PHOTOBOOTH_SKETCH_INSTANCES=" + instances.get("sketch"),
                "--PHOTOBOOTH_TOON_INSTANCES=" + instances.get("toon"),
                "--PHOTOBOOTH_WATERCOLOR_INSTANCES=" + instances.get("watercolor"),
                // moto in place of AWS: its endpoint, any keys, a region of its own
                "--photobooth.aws.region=us-east-1",
                "--photobooth.aws.access-key-id=testing",
                "--photobooth.aws.secret-access-key=testing",
                "--photobooth.aws.s3-endpoint=" + MOTO.endpoint(),
                "--photobooth.aws.sqs-endpoint=" + MOTO.endpoint(),
                "--photobooth.aws.ec2-endpoint=" + MOTO.endpoint(),
                // a test's pace: short polls, visibility, retries and timeouts
                "--photobooth.generator.wait-time-seconds=1",
                "--photobooth.generator.visibility-timeout-seconds=1",
                "--photobooth.generator.transient-retries=1",
                "--photobooth.generator.retry-delay=50ms",
                "--photobooth.generator.max-receive-count=" + MAX_RECEIVE_COUNT,
                "--photobooth.fleet.heartbeat-interval=500ms",
                "--photobooth.fleet.watch-interval=300ms",
                "--photobooth.fleet.idle-check-interval=500ms",
                "--photobooth.concepts.sketch.generators.idle-timeout=PT6S",
                "--photobooth.concepts.sketch.generators.boot-grace=PT1S",
                "--photobooth.kiosk.conversion-timeout=PT20S"));
        arguments.addAll(List.of(role));
        return new SpringApplicationBuilder(PhotoboothApplication.class).run(arguments.toArray(String[]::new));
    }

    private static void uploadModel(String concept) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "models", concept))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                MOTO.s3().putObject(put -> put.bucket(BUCKET).key("models/" + concept + "/" + file.getFileName()),
                        RequestBody.fromFile(file));
            }
        }
    }

    private static String status(String requestId) {
        return kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("status").asText();
    }

    private static int generatorCount(String meter) {
        return (int) generator.getBean(MeterRegistry.class).find(meter).tag("concept", "sketch").counter().count();
    }

    private static Map<String, InstanceStateName> ec2States() {
        return MOTO.ec2().describeInstances(describe -> describe.instanceIds(instances.values())).reservations()
                .stream()
                .flatMap(reservation -> reservation.instances().stream())
                .collect(Collectors.toMap(Instance::instanceId, instance -> instance.state().name()));
    }
}
