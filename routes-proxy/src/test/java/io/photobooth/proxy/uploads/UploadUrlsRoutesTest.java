package io.photobooth.proxy.uploads;

import static io.photobooth.proxy.support.KioskCalls.DEMO_KEY;
import static io.photobooth.proxy.support.KioskCalls.call;
import static io.photobooth.proxy.support.KioskCalls.json;
import static io.photobooth.proxy.support.KioskCalls.status;
import static io.photobooth.proxy.support.KioskCalls.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.RequestSql;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** {@code upload-urls} with its database read ({@code upload-urls-load}) mocked. */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = UploadUrlsRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UploadUrlsRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, KioskErrors.class, UploadUrlsRoutes.class})
    static class Slice {
    }

    static final String ID = "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b";

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    MockEndpoint loadRequest;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, UploadUrlsRoutes.ROUTE_ID,
                    route -> route.weaveById("upload-urls-load").replace().to("mock:upload-urls-load"));
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        loadRequest = camelContext.getEndpoint("mock:upload-urls-load", MockEndpoint.class);
    }

    void stored(String status, String contentType) {
        loadRequest.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(1, 2).stream()
                .map(shot -> Map.<String, Object>of("request_id", UUID.fromString(ID), "concept", "sketch", "shots", 2,
                        "content_type", contentType, "status", status,
                        "created_at", Timestamp.from(Instant.parse("2025-06-01T09:59:00Z")),
                        "shot", shot, "shot_status", status, "deadline_seconds", 120))
                .toList()));
    }

    Exchange ask(String requestId) {
        return call(template, UploadUrlsRoutes.ENDPOINT, null, Map.of(KioskHeaders.API_KEY, DEMO_KEY,
                KioskHeaders.REQUEST_ID, requestId));
    }

    @Test
    void presignsAFreshUploadPerShotInTheStoredFormat() throws Exception {
        stored("PRE_REQUESTED", "image/png");
        loadRequest.expectedBodiesReceived(RequestSql.SELECT_REQUEST.strip());
        loadRequest.expectedHeaderReceived(KioskHeaders.VENDOR, "demo");
        loadRequest.expectedHeaderReceived(KioskHeaders.REQUEST_ID, ID);

        Exchange answer = ask(ID);

        loadRequest.assertIsSatisfied();
        assertThat(status(answer)).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.path("contentType").asText()).isEqualTo("image/png");
        assertThat(body.path("uploads")).hasSize(2);
        assertThat(body.path("uploads").get(1).path("url").asText()).contains("/uploads/local/demo/" + ID + "/2.png");
        assertThat(body.path("uploads").get(1).path("headers").path("Content-Type").asText()).isEqualTo("image/png");
    }

    @Test
    void refusesARequestWhoseUploadsAreClosed() throws Exception {
        stored("QUEUED", "image/jpeg");

        Exchange answer = ask(ID);

        assertThat(status(answer)).isEqualTo(409);
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:uploads-closed");
    }

    @Test
    void answersAnUnknownOrMalformedIdWithoutReadingTheDatabase() throws Exception {
        loadRequest.expectedMessageCount(0);

        Exchange answer = call(template, UploadUrlsRoutes.ENDPOINT, null, withKey(DEMO_KEY));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(status(ask("../../etc/passwd"))).isEqualTo(404);
        loadRequest.assertIsSatisfied();
    }
}
