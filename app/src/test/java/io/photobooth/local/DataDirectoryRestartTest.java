package io.photobooth.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.UUID;

import io.photobooth.PhotoboothApplication;
import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.TestPhotos;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The local data directory (PostgreSQL and S3 files) survives a restart of the service. */
class DataDirectoryRestartTest {

    final String dataDir = "target/test-data/restart-" + UUID.randomUUID();

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PhotoboothApplication.class).run(
                "--server.port=0",
                "--photobooth.local.sqs-port=0",
                "--photobooth.local.s3-port=0",
                "--photobooth.local.redis-port=0",
                "--photobooth.local.postgres-port=0",
                "--photobooth.local.data-dir=" + dataDir,
                "--photobooth.local.boot-delay=PT0.1S",
                "--photobooth.models-dir=../models",
                "--photobooth.generator.wait-time-seconds=2");
    }

    static KioskClient kiosk(ConfigurableApplicationContext context) {
        return new KioskClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void shouldKeepRequestsAndUploadsAcrossARestart() {
        String requestId;
        try (ConfigurableApplicationContext first = start()) {
            KioskClient kiosk = kiosk(first);
            Answer pre = kiosk.preRequest(KioskClient.DEMO_KEY, "{\"concept\":\"sketch\"}");
            requestId = pre.json().get("requestId").asText();
            assertThat(kiosk.upload(pre.json().get("uploads").get(0), TestPhotos.portrait(96, 64, Color.CYAN)))
                    .isEqualTo(200);
        }

        try (ConfigurableApplicationContext second = start()) {
            KioskClient kiosk = kiosk(second);
            assertThat(kiosk.status(KioskClient.DEMO_KEY, requestId).json().get("status").asText())
                    .isEqualTo("PRE_REQUESTED");

            Answer done = kiosk.conversion(KioskClient.DEMO_KEY, requestId);

            assertThat(done.status()).as("the upload made before the restart is still in S3").isEqualTo(200);
            assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        }
    }
}
