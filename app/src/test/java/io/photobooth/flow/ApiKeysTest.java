package io.photobooth.flow;

import static io.photobooth.flow.BadInputTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.photobooth.kiosk.ApiKeys;
import io.photobooth.support.KioskClient;
import io.photobooth.support.LocalIntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Keys kept in the database, beside the configured ones: added, rotated and revoked live. */
@LocalIntegrationTest
class ApiKeysTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void shouldServeADatabaseKeyAtOnceAndRefuseItOnceRevoked() {
        KioskClient kiosk = new KioskClient(port);
        String newKey = "acme-" + UUID.randomUUID();
        assertProblem(kiosk.concepts(newKey), 401, "unauthorized");

        jdbc.update("insert into vendor_api_key (key_hash, vendor) values (?, 'acme')", ApiKeys.hash(newKey));

        assertThat(kiosk.concepts(newKey).status()).as("the new key").isEqualTo(200);
        assertThat(kiosk.concepts(KioskClient.ACME_KEY).status()).as("the old key, during the rotation").isEqualTo(200);
        String requestId = kiosk.preRequest(newKey, "{\"concept\":\"sketch\"}").json().get("requestId").asText();
        assertThat(kiosk.status(KioskClient.ACME_KEY, requestId).status()).as("the same vendor").isEqualTo(200);
        assertProblem(kiosk.status(KioskClient.DEMO_KEY, requestId), 404, "unknown-request");

        jdbc.update("update vendor_api_key set revoked_at = now() where key_hash = ?", ApiKeys.hash(newKey));

        assertProblem(kiosk.concepts(newKey), 401, "unauthorized");
    }
}
