package io.photobooth.proxy.prerequest;

import static io.photobooth.proxy.support.KioskCalls.DEMO_KEY;
import static io.photobooth.proxy.support.KioskCalls.call;
import static io.photobooth.proxy.support.KioskCalls.contentType;
import static io.photobooth.proxy.support.KioskCalls.json;
import static io.photobooth.proxy.support.KioskCalls.status;
import static io.photobooth.proxy.support.KioskCalls.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.fleet.FleetHeaders;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.kiosk.RequestIds;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.RequestSql;
import io.photobooth.proxy.fleet.WarmGeneratorRoutes;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@code pre-request} with its database insert mocked: the {@code insert-request} node (a
 * {@code jdbc:} endpoint) is replaced by {@code mock:insert-request}, and the call to
 * {@code direct:warm-generator-sketch} is intercepted by {@code mock:direct:warm-generator-sketch} and skipped.
 * The processors (authentication, validation, presigning, the JSON answer) are the real beans.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = PreRequestRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PreRequestRoutesTest {

    /** Only the pre-request route, its error configuration and the beans they use. */
    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, KioskErrors.class, PreRequestRoutes.class})
    static class Slice {
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    MockEndpoint insertRequest;
    MockEndpoint loadIdempotentRequest;
    MockEndpoint warmGenerator;

    @BeforeEach
    void adviseOnce() throws Exception {
        // the Spring context (and its CamelContext) is shared by the test methods: advise and start it once
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, PreRequestRoutes.ROUTE_ID, route -> {
                route.weaveById("insert-request").replace().to("mock:insert-request");
                route.weaveById("load-idempotent-request").replace().to("mock:load-idempotent-request");
                route.mockEndpointsAndSkip("direct:warm-generator-*");
            });
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        insertRequest = camelContext.getEndpoint("mock:insert-request", MockEndpoint.class);
        loadIdempotentRequest = camelContext.getEndpoint("mock:load-idempotent-request", MockEndpoint.class);
        warmGenerator = camelContext.getEndpoint("mock:" + WarmGeneratorRoutes.endpointOf("sketch"), MockEndpoint.class);
    }

    @Test
    void recordsTheRequestWarmsTheGeneratorAndAnswersOneUploadPerShot() throws Exception {
        insertRequest.expectedMessageCount(1);
        // constant(...) trims the SQL text block of its trailing newline
        insertRequest.expectedBodiesReceived(RequestSql.INSERT_REQUEST.strip());
        insertRequest.expectedHeaderReceived(KioskHeaders.VENDOR, "demo");
        insertRequest.expectedHeaderReceived(KioskHeaders.CONCEPT, "sketch");
        insertRequest.expectedHeaderReceived(KioskHeaders.SHOTS, 2);
        warmGenerator.expectedMessageCount(1);
        warmGenerator.expectedHeaderReceived(KioskHeaders.CONCEPT, "sketch");
        warmGenerator.whenAnyExchangeReceived(warmUp -> warmUp.getMessage()
                .setHeader(FleetHeaders.STATE, GeneratorState.READY));

        Exchange answer = call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":\"sketch\",\"shots\":2}",
                withKey(DEMO_KEY));

        insertRequest.assertIsSatisfied();
        warmGenerator.assertIsSatisfied();
        String requestId = insertRequest.getReceivedExchanges().getFirst().getMessage()
                .getHeader(KioskHeaders.REQUEST_ID, String.class);
        assertThat(RequestIds.parse(requestId)).as("a canonical UUID: %s", requestId).isPresent();

        assertThat(status(answer)).isEqualTo(201);
        assertThat(contentType(answer)).isEqualTo("application/json");
        assertThat(answer.getMessage().getHeaders()).as("no internal header leaks into the HTTP answer")
                .doesNotContainKeys(KioskHeaders.VENDOR, KioskHeaders.REQUEST_ID, KioskHeaders.API_KEY);
        JsonNode body = json(answer);
        assertThat(body.path("requestId").asText()).isEqualTo(requestId);
        assertThat(body.path("concept").asText()).isEqualTo("sketch");
        assertThat(body.path("shots").asInt()).isEqualTo(2);
        assertThat(body.path("status").asText()).isEqualTo("PRE_REQUESTED");
        assertThat(body.path("generator").asText()).as("as the warm-up found it").isEqualTo("READY");
        assertThat(body.path("conversionUrl").asText()).isEqualTo("/api/v1/requests/" + requestId + "/conversion");
        JsonNode uploads = body.path("uploads");
        assertThat(uploads).hasSize(2);
        for (int shot = 1; shot <= 2; shot++) {
            JsonNode upload = uploads.get(shot - 1);
            assertThat(upload.path("shot").asInt()).isEqualTo(shot);
            assertThat(upload.path("method").asText()).isEqualTo("PUT");
            assertThat(upload.path("url").asText())
                    .contains("/photobooth-local/uploads/local/demo/" + requestId + "/" + shot + ".jpg")
                    .contains("X-Amz-Signature=");
            assertThat(upload.path("headers").path("Content-Type").asText()).isEqualTo("image/jpeg");
            assertThat(upload.path("expiresAt").asText()).isEqualTo("2025-06-01T10:05:00Z");
        }
    }

    /** The database already holds a request of this vendor with the Idempotency-Key. */
    void storedUnderTheIdempotencyKey(String requestId, int shots) {
        insertRequest.whenAnyExchangeReceived(exchange ->
                exchange.getMessage().setHeader(JdbcConstants.JDBC_UPDATE_COUNT, 0));
        loadIdempotentRequest.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(List.of(Map.of(
                "request_id", UUID.fromString(requestId), "concept", "sketch", "shots", shots,
                "content_type", "image/jpeg", "status", "UPLOADED", "deadline_seconds", 120))));
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheStoredRequestAndWarmsNothing() throws Exception {
        String stored = "3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b";
        storedUnderTheIdempotencyKey(stored, 2);
        loadIdempotentRequest.expectedMessageCount(1);
        loadIdempotentRequest.expectedBodiesReceived(RequestSql.SELECT_BY_IDEMPOTENCY_KEY.strip());
        loadIdempotentRequest.expectedHeaderReceived(KioskHeaders.IDEMPOTENCY_KEY, "kiosk-7-payment-42");
        loadIdempotentRequest.expectedHeaderReceived(KioskHeaders.VENDOR, "demo");
        warmGenerator.expectedMessageCount(0);

        Exchange answer = call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":\"sketch\",\"shots\":2}",
                Map.of(KioskHeaders.API_KEY, DEMO_KEY, KioskHeaders.IDEMPOTENCY_KEY_HTTP, "kiosk-7-payment-42"));

        MockEndpoint.assertIsSatisfied(loadIdempotentRequest, warmGenerator);
        assertThat(status(answer)).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.path("requestId").asText()).isEqualTo(stored);
        assertThat(body.path("status").asText()).isEqualTo("UPLOADED");
        assertThat(body.path("uploads")).hasSize(2);
    }

    @Test
    void refusesAnIdempotencyKeyReusedForAnotherBody() throws Exception {
        storedUnderTheIdempotencyKey("3f2b8c1e-0d4a-4b7e-9a61-2c5d8e9f0a1b", 1);

        Exchange answer = call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":\"sketch\",\"shots\":3}",
                Map.of(KioskHeaders.API_KEY, DEMO_KEY, KioskHeaders.IDEMPOTENCY_KEY_HTTP, "kiosk-7-payment-42"));

        assertThat(status(answer)).isEqualTo(422);
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:idempotency-key-reused");
    }

    @Test
    void givesEveryPreRequestItsOwnRequestId() throws Exception {
        insertRequest.expectedMessageCount(2);
        warmGenerator.expectedMessageCount(2);

        call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":\"sketch\",\"shots\":1}", withKey(DEMO_KEY));
        call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":\"sketch\",\"shots\":1}", withKey(DEMO_KEY));

        MockEndpoint.assertIsSatisfied(insertRequest, warmGenerator);
        List<String> ids = insertRequest.getReceivedExchanges().stream()
                .map(exchange -> exchange.getMessage().getHeader(KioskHeaders.REQUEST_ID, String.class))
                .toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void refusesAnUnknownApiKeyWithoutTouchingTheDatabase() throws Exception {
        insertRequest.expectedMessageCount(0);
        warmGenerator.expectedMessageCount(0);

        Exchange answer = call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":\"sketch\",\"shots\":2}",
                withKey("stolen-key"));

        assertThat(status(answer)).isEqualTo(401);
        assertThat(contentType(answer)).isEqualTo("application/problem+json");
        JsonNode problem = json(answer);
        assertThat(problem.path("type").asText()).isEqualTo("urn:photobooth:problem:unauthorized");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        insertRequest.assertIsSatisfied();
        warmGenerator.assertIsSatisfied();
    }

    @Test
    void refusesAConceptTheVendorDoesNotOffer() throws Exception {
        insertRequest.expectedMessageCount(0);

        Exchange answer = call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":\"noir\",\"shots\":2}",
                withKey(DEMO_KEY));

        assertThat(status(answer)).isEqualTo(400);
        assertThat(contentType(answer)).isEqualTo("application/problem+json");
        JsonNode problem = json(answer);
        assertThat(problem.path("type").asText()).isEqualTo("urn:photobooth:problem:unknown-concept");
        assertThat(problem.path("concepts")).extracting(JsonNode::asText).containsExactly("sketch");
        insertRequest.assertIsSatisfied();
    }

    @Test
    void refusesMoreShotsThanTheKioskLimit() throws Exception {
        insertRequest.expectedMessageCount(0);

        Exchange answer = call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":\"sketch\",\"shots\":5}",
                withKey(DEMO_KEY));

        assertThat(status(answer)).isEqualTo(400);
        JsonNode problem = json(answer);
        assertThat(problem.path("type").asText()).isEqualTo("urn:photobooth:problem:invalid-shots");
        assertThat(problem.path("maxShots").asInt()).isEqualTo(4);
        insertRequest.assertIsSatisfied();
    }

    @Test
    void refusesAMalformedBody() throws Exception {
        insertRequest.expectedMessageCount(0);

        Exchange answer = call(template, PreRequestRoutes.ENDPOINT, "{\"concept\":", withKey(DEMO_KEY));

        assertThat(status(answer)).isEqualTo(400);
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:malformed-request");
        insertRequest.assertIsSatisfied();
    }
}
