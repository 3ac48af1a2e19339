package io.photobooth.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.support.KioskClient;
import io.photobooth.support.KioskClient.Answer;
import io.photobooth.support.LocalIntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The proxy serves the kiosk page as static files beside the REST DSL, past the body-size and rate
 * limits, with the concepts' sample images that {@code GET /api/v1/concepts} links to.
 */
@LocalIntegrationTest
class KioskPageFilesTest {

    @LocalServerPort
    int port;

    @Test
    void shouldServeThePageItsModulesAndStyle() {
        KioskClient kiosk = new KioskClient(port);

        Answer page = kiosk.get("/kiosk/", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(new String(page.body())).contains("<script type=\"module\" src=\"kiosk.js\"></script>");
        for (String file : new String[] {"kiosk.js", "api.js", "photos.js"}) {
            Answer module = kiosk.get("/kiosk/" + file, "*/*");
            assertThat(module.status()).as(file).isEqualTo(200);
            assertThat(module.contentType()).as(file).startsWith("text/javascript");
        }
        assertThat(kiosk.get("/kiosk/kiosk.css", "text/css").contentType()).startsWith("text/css");
        assertThat(kiosk.get("/kiosk", "text/html").status()).as("redirected to /kiosk/").isEqualTo(302);

        Answer missing = kiosk.get("/kiosk/nothing.js", "*/*");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asText()).isEqualTo("urn:photobooth:problem:not-found");
    }

    @Test
    void shouldServeTheSampleImagesThatTheConceptsLinkTo() {
        KioskClient kiosk = new KioskClient(port);

        for (JsonNode concept : kiosk.concepts(KioskClient.DEMO_KEY).json().get("concepts")) {
            JsonNode sample = concept.get("sample");
            assertThat(sample).as("sample of " + concept.get("name")).isNotNull();
            for (String side : new String[] {"before", "after"}) {
                Answer image = kiosk.get(sample.get(side).asText(), "image/*");
                assertThat(image.status()).as(side + " of " + concept.get("name")).isEqualTo(200);
                assertThat(image.contentType()).isEqualTo("image/png");
            }
        }
    }
}
