package io.photobooth.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.local.LocalGeneratorInstances;
import io.photobooth.generator.ConversionWorkerRoutes;
import io.photobooth.support.GuardedUpdates;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.SecondProxy;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Two proxies against the same Redis, PostgreSQL, SQS and S3. Proxy A is the whole application
 * with both roles and the embedded servers. Proxy B is a second application context in the same
 * JVM with the proxy role only, started with {@code photobooth.local.embedded-servers=false} and
 * A's ports. B's reconciliation runs once at start-up and then hourly, so a kiosk waiting in B can
 * only be woken by B's own completion subscriber. Every completion event reaches both proxies; the
 * database reports, through the update counts of the guarded statements on both, that each row
 * changed once.
 */
@LocalIntegrationTest
class ManyProxiesTest {

    static ConfigurableApplicationContext proxyB;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LocalGeneratorInstances instances;

    @Autowired
    PhotoboothProperties properties;

    KioskClient kioskA;
    KioskClient kioskB;
    GuardedUpdates updatesA;
    GuardedUpdates updatesB;

    @BeforeEach
    void startProxyB() {
        if (proxyB == null) {
            proxyB = SecondProxy.beside(environment,
                    "--photobooth.kiosk.conversion-timeout=PT20S",
                    "--photobooth.kiosk.reconcile-interval=PT1H");
        }
        kioskA = new KioskClient(port);
        kioskB = new KioskClient(SecondProxy.port(proxyB));
        updatesA = GuardedUpdates.on(camel);
        updatesB = GuardedUpdates.on(proxyB.getBean(CamelContext.class));
    }

    @AfterEach
    void stopWatching() {
        updatesA.close();
        updatesB.close();
    }

    @AfterAll
    static void stopProxyB() {
        if (proxyB != null) {
            proxyB.close();
        }
    }

    @Test
    void shouldAnswerOnTheOtherProxyTheStatusOfARequestConvertedThroughTheFirst() {
        String requestId = uploaded(kioskA, 2);

        Answer done = kioskA.conversion(KioskClient.DEMO_KEY, requestId);
        Answer status = kioskB.status(KioskClient.DEMO_KEY, requestId);

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("status").asText()).isEqualTo("DONE");
        assertThat(status.json().get("finishedAt")).isEqualTo(done.json().get("finishedAt"));
        for (JsonNode result : KioskClient.list(status.json().get("results"))) {
            assertThat(result.get("status").asText()).isEqualTo("DONE");
            assertThat(kioskB.download(result.get("url").asText()).status()).as("B's presigned URL").isEqualTo(200);
        }
        assertUpdatedOnceByEitherProxy(requestId, 2);
    }

    @Test
    void shouldAnswerAMainRequestOnTheProxyWithoutGeneratorsOnceTheFirstConvertedIt() {
        assertThat(proxyB.getBean(CamelContext.class).getRoutes()).as("B converts nothing")
                .noneMatch(route -> route.getRouteId().startsWith(ConversionWorkerRoutes.TEMPLATE_ID));
        instances.start(List.of("local-sketch"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> instances.state("local-sketch") == InstanceStateName.RUNNING);
        String requestId = uploaded(kioskB, 2);

        Instant asked = Instant.now();
        Answer done = kioskB.conversion(KioskClient.DEMO_KEY, requestId);

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        assertThat(Duration.between(asked, Instant.now())).as("woken, not timed out")
                .isLessThan(properties.kiosk().conversionTimeout());
        assertThat(jdbc.queryForList("select generator from shot where request_id = cast(? as uuid)", String.class,
                requestId)).as("recorded from the events A's generator published")
                .containsOnly(properties.generator().instanceId());
        assertUpdatedOnceByEitherProxy(requestId, 2);
    }

    /** A pre-request on the given proxy with every shot uploaded. */
    String uploaded(KioskClient kiosk, int shots) {
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\",\"shots\":" + shots + "}");
        assertThat(pre.status()).isEqualTo(201);
        List<JsonNode> uploads = KioskClient.list(pre.json().get("uploads"));
        for (JsonNode upload : uploads) {
            assertThat(kiosk.upload(upload, TestPhotos.portrait(96, 64, Color.ORANGE))).isEqualTo(200);
        }
        return pre.json().get("requestId").asText();
    }

    /**
     * Both proxies ran the guarded statements for every shot's event, and between them PostgreSQL
     * changed each shot row once and the request row once.
     */
    void assertUpdatedOnceByEitherProxy(String requestId, int shots) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (int shot = 1; shot <= shots; shot++) {
                assertThat(updatesA.recordShot(requestId, shot).runs()).as("A recorded shot %d", shot).isPositive();
                assertThat(updatesB.recordShot(requestId, shot).runs()).as("B recorded shot %d", shot).isPositive();
            }
            assertThat(updatesA.finishRequest(requestId).runs()).isGreaterThanOrEqualTo(shots);
            assertThat(updatesB.finishRequest(requestId).runs()).isGreaterThanOrEqualTo(shots);
        });
        for (int shot = 1; shot <= shots; shot++) {
            assertThat(updatesA.recordShot(requestId, shot).changed() + updatesB.recordShot(requestId, shot).changed())
                    .as("rows changed by RECORD_SHOT of shot %d on both proxies", shot).isEqualTo(1);
        }
        assertThat(updatesA.finishRequest(requestId).changed() + updatesB.finishRequest(requestId).changed())
                .as("rows changed by FINISH_REQUEST on both proxies").isEqualTo(1);
    }
}
