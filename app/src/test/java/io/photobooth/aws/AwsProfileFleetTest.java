package io.photobooth.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.photobooth.contract.Channels;
import io.photobooth.local.EmbeddedRedis;
import io.photobooth.local.LocalPorts;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.MotoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The {@code aws} profile's proxy against the moto server (EC2 and SQS), with PostgreSQL and Redis
 * from the embedded servers: the real fleet routes and {@code aws2-ec2} start moto's stopped
 * instances on a pre-request, see the generator's heartbeat ({@code READY}), and stop the instances
 * once they are idle for the (shortened) idle timeout. Moto changes instance states at once, where
 * EC2 takes seconds; the route tests cover the states in between.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "photobooth.roles.generator=false",
    "photobooth.bucket=photobooth-moto",
    "photobooth.concepts.sketch.generators.idle-timeout=PT8S",
    "photobooth.concepts.sketch.generators.boot-grace=PT1S",
    "photobooth.fleet.watch-interval=300ms",
    "photobooth.fleet.idle-check-interval=500ms",
    "photobooth.aws.region=us-east-1",
    "photobooth.aws.access-key-id=testing",
    "photobooth.aws.secret-access-key=testing",
    "photobooth.kiosk.share.secret=aws-profile-test-share-link-secret",
})
@ActiveProfiles("aws")
@DirtiesContext
class AwsProfileFleetTest {

    static final MotoServer MOTO = MotoServer.get();
    static final EmbeddedPostgres POSTGRES = postgres();
    static final int REDIS_PORT = LocalPorts.freePort();
    static final EmbeddedRedis REDIS = new EmbeddedRedis(Path.of("target", "aws-profile-redis"), REDIS_PORT);
    static List<String> instanceIds;
    static List<String> otherConceptsInstanceIds;

    @DynamicPropertySource
    static void pointAtMotoAndTheEmbeddedServers(DynamicPropertyRegistry registry) {
        MOTO.reset();
        instanceIds = MOTO.createStoppedInstances(2);
        otherConceptsInstanceIds = MOTO.createStoppedInstances(2);
        for (String queue : List.of("demo-sketch", "demo-toon", "demo-watercolor", "acme-sketch", "acme-toon")) {
            MOTO.sqs().createQueue(create -> create.queueName("prod-" + queue));
        }
        registry.add("photobooth.aws.ec2-endpoint", () -> MOTO.endpoint().toString());
        registry.add("photobooth.aws.sqs-endpoint", () -> MOTO.endpoint().toString());
        registry.add("photobooth.aws.s3-endpoint", () -> MOTO.endpoint().toString());
        registry.add("photobooth.concepts.sketch.generators.instances.prod",
                () -> String.join(",", instanceIds));
        registry.add("photobooth.concepts.toon.generators.instances.prod", () -> otherConceptsInstanceIds.get(0));
        registry.add("photobooth.concepts.watercolor.generators.instances.prod", () -> otherConceptsInstanceIds.get(1));
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
    }

    static {
        // after the application: it is closed once this class ends (DirtiesContext), the servers at exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                REDIS.close();
                POSTGRES.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void startsTheInstancesForACustomerAndStopsThemWhenIdle() {
        KioskClient kiosk = new KioskClient(port);
        assertThat(kiosk.generatorState(KioskClient.DEMO_KEY, "sketch")).isEqualTo("STOPPED");
        assertThat(ec2States().values()).hasSize(2).containsOnly(InstanceStateName.STOPPED);

        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");

        assertThat(pre.status()).isEqualTo(201);
        assertThat(pre.json().get("generator").asText()).isEqualTo("STARTING");
        await().atMost(Duration.ofSeconds(10)).until(() -> ec2States().equals(Map.of(
                instanceIds.get(0), InstanceStateName.RUNNING, instanceIds.get(1), InstanceStateName.RUNNING)));
        assertThat(kiosk.generatorState(KioskClient.DEMO_KEY, "sketch")).as("running, but no generator announced itself").isEqualTo("STARTING");

        // the heartbeat a generator on the first instance writes once it serves
        redis.opsForValue().set(Channels.heartbeat("prod", instanceIds.get(0)),
                "{\"version\":1,\"instanceId\":\"" + instanceIds.get(0) + "\",\"concepts\":[\"sketch\"]}",
                Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.generatorState(KioskClient.DEMO_KEY, "sketch").equals("READY"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ec2States().values().stream().allMatch(state -> state == InstanceStateName.STOPPED));
        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.generatorState(KioskClient.DEMO_KEY, "sketch").equals("STOPPED"));

        assertThat(kiosk.preRequest(KioskClient.ACME_KEY, "{\"concept\":\"sketch\"}").json().get("generator")
                .asText()).isEqualTo("STARTING");
        await().atMost(Duration.ofSeconds(10)).until(() -> ec2States().values().stream()
                .allMatch(state -> state == InstanceStateName.RUNNING));
        assertThat(ec2States(otherConceptsInstanceIds).values()).as("the other concepts' generators")
                .containsOnly(InstanceStateName.STOPPED);
    }

    private Map<String, InstanceStateName> ec2States() {
        return ec2States(instanceIds);
    }

    private static Map<String, InstanceStateName> ec2States(List<String> ids) {
        return MOTO.ec2().describeInstances(describe -> describe.instanceIds(ids)).reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .collect(Collectors.toMap(Instance::instanceId, instance -> instance.state().name()));
    }


    private static EmbeddedPostgres postgres() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }
}
