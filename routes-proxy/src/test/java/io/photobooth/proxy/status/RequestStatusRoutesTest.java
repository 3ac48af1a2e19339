package io.photobooth.proxy.status;

import static io.photobooth.proxy.support.KioskCalls.DEMO_KEY;
import static io.photobooth.proxy.support.KioskCalls.call;
import static io.photobooth.proxy.support.KioskCalls.json;
import static io.photobooth.proxy.support.KioskCalls.status;
import static io.photobooth.proxy.support.KioskCalls.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.HashMap;
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
import org.apache.camel.builder.ExpressionBuilder;
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
 * {@code request-status} with its SELECT replaced by a mock, and {@code concepts}, which needs no
 * mock at all.
 *
 * <p>Why {@code weaveById(...).replace()} rather than {@code mockEndpointsAndSkip("jdbc:*")}: the
 * latter skips sending to the endpoint but still creates it, and camel-jdbc refuses to create an
 * endpoint without a DataSource ("No default DataSource found in the registry").
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = RequestStatusRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RequestStatusRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, KioskErrors.class, RequestStatusRoutes.class})
    static class Slice {
    }

    private static final String REQUEST_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    MockEndpoint loadRequest;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, RequestStatusRoutes.STATUS_ROUTE_ID,
                    route -> route.weaveById("request-status-load").replace().to("mock:request-status-load"));
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        loadRequest = camelContext.getEndpoint("mock:request-status-load", MockEndpoint.class);
    }

    @Test
    void answersTheStoredStatusWithAResultUrlPerFinishedShot() throws Exception {
        loadRequest.returnReplyBody(ExpressionBuilder.constantExpression(List.of(
                row(1, "DONE", null), row(2, "FAILED", "the sketch model failed"))));
        loadRequest.expectedMessageCount(1);
        loadRequest.expectedBodiesReceived(RequestSql.SELECT_REQUEST.strip());
        loadRequest.expectedHeaderReceived(KioskHeaders.REQUEST_ID, REQUEST_ID);
        loadRequest.expectedHeaderReceived(KioskHeaders.VENDOR, "demo");

        Exchange answer = call(template, RequestStatusRoutes.STATUS_ENDPOINT, null,
                Map.of(KioskHeaders.API_KEY, DEMO_KEY, KioskHeaders.REQUEST_ID, REQUEST_ID));

        loadRequest.assertIsSatisfied();
        assertThat(status(answer)).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.path("status").asText()).isEqualTo("FAILED");
        JsonNode results = body.path("results");
        assertThat(results.get(0).path("url").asText())
                .contains("/photobooth-local/results/local/demo/" + REQUEST_ID + "/1.jpg");
        assertThat(results.get(1).has("url")).isFalse();
        assertThat(results.get(1).path("error").asText()).isEqualTo("the sketch model failed");
    }

    @Test
    void answersUnknownRequestWhenNoRowMatchesTheVendor() throws Exception {
        loadRequest.returnReplyBody(ExpressionBuilder.constantExpression(List.of()));

        Exchange answer = call(template, RequestStatusRoutes.STATUS_ENDPOINT, null,
                Map.of(KioskHeaders.API_KEY, DEMO_KEY, KioskHeaders.REQUEST_ID, REQUEST_ID));

        assertThat(status(answer)).isEqualTo(404);
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:unknown-request");
    }

    @Test
    void listsTheVendorsConceptsWithTheirGeneratorState() throws Exception {
        Exchange answer = call(template, RequestStatusRoutes.CONCEPTS_ENDPOINT, null, withKey(DEMO_KEY));

        assertThat(status(answer)).isEqualTo(200);
        JsonNode concepts = json(answer).path("concepts");
        assertThat(concepts).hasSize(1);
        assertThat(concepts.get(0).path("name").asText()).isEqualTo("sketch");
        assertThat(concepts.get(0).path("displayName").asText()).isEqualTo("Pencil sketch");
        assertThat(concepts.get(0).path("generator").asText()).isEqualTo("STOPPED");
    }

    private static Map<String, Object> row(int shot, String shotStatus, String error) {
        Map<String, Object> row = new HashMap<>();
        row.put("request_id", UUID.fromString(REQUEST_ID));
        row.put("concept", "sketch");
        row.put("shots", 2);
        row.put("status", "FAILED");
        row.put("created_at", Timestamp.from(ProxyRouteTestBeans.NOW.minusSeconds(60)));
        row.put("finished_at", Timestamp.from(ProxyRouteTestBeans.NOW));
        row.put("shot", shot);
        row.put("shot_status", shotStatus);
        row.put("error", error);
        row.put("deadline_seconds", 120);
        return row;
    }
}
