package io.photobooth.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.generator.ConversionWorkerRoutes;
import io.photobooth.generator.GeneratorHeartbeatRoutes;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The whole fleet life on the embedded default, through the same routes as on EC2: the local
 * instance starts stopped; a pre-request starts it (the answer never waits for the boot), a
 * conversion sent while it is starting completes once it runs, its generator announces itself
 * ({@code READY}); idle, it is stopped ({@code STOPPED}, worker routes stopped); the next
 * pre-request starts it again.
 */
@LocalIntegrationTest
@TestPropertySource(properties = {
    "photobooth.local.boot-delay=PT2S",
    "photobooth.concepts.sketch.generators.idle-timeout=PT6S",
    "photobooth.concepts.sketch.generators.boot-grace=PT1S",
    "photobooth.fleet.idle-check-interval=500ms",
})
@DirtiesContext
class LocalGeneratorInstancesTest {

    static final Duration BOOT_DELAY = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    LocalGeneratorInstances instances;

    @Autowired
    CamelContext camel;

    @Autowired
    PhotoboothProperties properties;

    @Test
    void startsForACustomerConvertsStopsWhenIdleAndStartsAgain() {
        KioskClient kiosk = new KioskClient(port);
        String workerRoute = ConversionWorkerRoutes.routeId(properties.env(), new VendorConcept("demo", "sketch"));
        assertThat(kiosk.generatorState(KioskClient.DEMO_KEY, "sketch")).isEqualTo("STOPPED");
        assertThat(instances.state("local-sketch")).isEqualTo(InstanceStateName.STOPPED);
        assertThat(camel.getRouteController().getRouteStatus(workerRoute)).isEqualTo(ServiceStatus.Stopped);

        Instant paid = Instant.now();
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        assertThat(instances.state("local-sketch")).as("the pre-request never waits for the boot")
                .isIn(InstanceStateName.STOPPED, InstanceStateName.PENDING);
        assertThat(pre.json().get("generator").asText()).isEqualTo("STARTING");
        assertThat(kiosk.preRequest(KioskClient.ACME_KEY, "{\"concept\":\"sketch\"}").json().get("generator")
                .asText()).as("a second pre-request while booting").isEqualTo("STARTING");
        kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(80, 60, Color.MAGENTA));

        Answer done = kiosk.conversion(KioskClient.DEMO_KEY, pre.json().get("requestId").asText());

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        assertThat(Duration.between(paid, Instant.now())).isGreaterThanOrEqualTo(BOOT_DELAY);
        assertThat(camel.getRouteController().getRouteStatus(GeneratorHeartbeatRoutes.routeId("local-sketch")))
                .isEqualTo(ServiceStatus.Started);
        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.generatorState(KioskClient.DEMO_KEY, "sketch").equals("READY"));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> kiosk.generatorState(KioskClient.DEMO_KEY, "sketch").equals("STOPPED"));
        assertThat(instances.state("local-sketch")).isEqualTo(InstanceStateName.STOPPED);
        assertThat(camel.getRouteController().getRouteStatus(workerRoute)).isEqualTo(ServiceStatus.Stopped);

        assertThat(kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}").json().get("generator")
                .asText()).isEqualTo("STARTING");
        await().atMost(Duration.ofSeconds(10)).until(() -> kiosk.generatorState(KioskClient.DEMO_KEY, "sketch").equals("READY"));
        assertThat(camel.getRouteController().getRouteStatus(workerRoute)).isEqualTo(ServiceStatus.Started);
    }
}
