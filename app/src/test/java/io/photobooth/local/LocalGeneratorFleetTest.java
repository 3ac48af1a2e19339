package io.photobooth.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Duration;
import java.time.Instant;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.generator.ConversionWorkerRoutes;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;
import io.photobooth.support.TestPhotos;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The local stand-in for EC2: generators start stopped, a pre-request starts them after the boot
 * delay, and a conversion sent while they boot completes once they run.
 */
@LocalIntegrationTest
@TestPropertySource(properties = "photobooth.local.boot-delay=PT2S")
class LocalGeneratorFleetTest {

    static final Duration BOOT_DELAY = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    LocalGeneratorFleet fleet;

    @Autowired
    CamelContext camel;

    @Autowired
    PhotoboothProperties properties;

    @Test
    void shouldCompleteAConversionSentWhileTheGeneratorIsStillStarting() {
        KioskClient kiosk = new KioskClient(port);
        String workerRoute = ConversionWorkerRoutes.routeId(properties.env(), new VendorConcept("demo", "sketch"));
        assertThat(kiosk.concepts(KioskClient.DEMO_KEY).json().get("concepts").get(0).get("generator").asText())
                .isEqualTo("STOPPED");
        assertThat(camel.getRouteController().getRouteStatus(workerRoute)).isEqualTo(ServiceStatus.Stopped);

        Instant paid = Instant.now();
        Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
        assertThat(Duration.between(paid, Instant.now())).as("the pre-request never waits for the boot")
                .isLessThan(BOOT_DELAY);
        assertThat(pre.json().get("generator").asText()).isEqualTo("STARTING");
        assertThat(kiosk.preRequest(KioskClient.ACME_KEY, "{\"concept\":\"sketch\"}").json().get("generator")
                .asText()).as("a second pre-request while booting").isEqualTo("STARTING");
        kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(80, 60, Color.MAGENTA));

        Answer done = kiosk.conversion(KioskClient.DEMO_KEY, pre.json().get("requestId").asText());

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        assertThat(Duration.between(paid, Instant.now())).isGreaterThanOrEqualTo(BOOT_DELAY);
        assertThat(fleet.state("sketch")).isEqualTo(GeneratorState.RUNNING);
        assertThat(camel.getRouteController().getRouteStatus(workerRoute)).isEqualTo(ServiceStatus.Started);

        assertThat(fleet.stop("sketch")).isEqualTo(GeneratorState.STOPPED);

        assertThat(camel.getRouteController().getRouteStatus(workerRoute)).isEqualTo(ServiceStatus.Suspended);
        assertThat(kiosk.concepts(KioskClient.DEMO_KEY).json().get("concepts").get(0).get("generator").asText())
                .isEqualTo("STOPPED");
    }
}
