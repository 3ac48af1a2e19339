package io.photobooth.proxy.usage;

import static io.photobooth.proxy.support.KioskCalls.DEMO_KEY;
import static io.photobooth.proxy.support.KioskCalls.call;
import static io.photobooth.proxy.support.KioskCalls.contentType;
import static io.photobooth.proxy.support.KioskCalls.json;
import static io.photobooth.proxy.support.KioskCalls.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.KioskErrors;
import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.support.ProxyRouteTestBeans;
import io.photobooth.usage.UsageQuery;

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
 * {@code usage} with its SELECT replaced by a mock: the statement gets the authenticated vendor
 * and the range as instants, the answer is JSON or CSV, and a bad query never reaches the database.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = UsageRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UsageRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, KioskErrors.class, UsageConfiguration.class,
        UsageRoutes.class})
    static class Slice {
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    MockEndpoint loadUsage;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!camelContext.isStarted()) {
            AdviceWith.adviceWith(camelContext, UsageRoutes.ROUTE_ID,
                    route -> route.weaveById("usage-load").replace().to("mock:usage-load"));
            camelContext.start();
        }
        MockEndpoint.resetMocks(camelContext);
        loadUsage = camelContext.getEndpoint("mock:usage-load", MockEndpoint.class);
        loadUsage.returnReplyBody(ExpressionBuilder.constantExpression(List.of(row("2026-03-01", "sketch"))));
    }

    private Exchange usage(Map<String, Object> query) {
        Map<String, Object> headers = new HashMap<>(query);
        headers.put(KioskHeaders.API_KEY, DEMO_KEY);
        return call(template, UsageRoutes.ENDPOINT, null, headers);
    }

    @Test
    void answersTheAuthenticatedVendorsUsageAsJson() throws Exception {
        loadUsage.expectedMessageCount(1);
        loadUsage.expectedBodiesReceived(UsageSql.SELECT_USAGE.strip());
        loadUsage.expectedHeaderReceived(KioskHeaders.VENDOR, "demo");
        loadUsage.expectedHeaderReceived(UsageQuery.SINCE, "2026-03-01T00:00:00Z");
        loadUsage.expectedHeaderReceived(UsageQuery.UNTIL, "2026-04-01T00:00:00Z");

        Exchange answer = usage(Map.of("from", "2026-03-01", "to", "2026-03-31", KioskHeaders.VENDOR, "acme"));

        loadUsage.assertIsSatisfied();
        assertThat(status(answer)).isEqualTo(200);
        assertThat(contentType(answer)).isEqualTo("application/json");
        JsonNode body = json(answer);
        assertThat(body.path("vendor").asText()).isEqualTo("demo");
        assertThat(body.path("rows").get(0).path("gpuSeconds").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(body.path("totals").path("requests").asLong()).isEqualTo(3);
    }

    @Test
    void answersCsvForAcceptTextCsv() {
        Exchange answer = usage(Map.of("from", "2026-03-01", "to", "2026-03-31", "Accept", "text/csv"));

        assertThat(status(answer)).isEqualTo(200);
        assertThat(contentType(answer)).isEqualTo("text/csv; charset=utf-8");
        assertThat(answer.getMessage().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"usage-demo-2026-03-01-2026-03-31.csv\"");
        assertThat(new String(answer.getMessage().getBody(byte[].class), StandardCharsets.UTF_8))
                .endsWith("\r\n2026-03-01,sketch,3,4,3,2,1,0,0,2.500,1,0.3333\r\n");
    }

    @Test
    void refusesABadRangeWithoutReadingTheDatabase() throws Exception {
        loadUsage.expectedMessageCount(0);

        Exchange answer = usage(Map.of("from", "2026-03-31", "to", "2026-03-01"));

        loadUsage.assertIsSatisfied();
        assertThat(status(answer)).isEqualTo(400);
        assertThat(contentType(answer)).isEqualTo("application/problem+json");
        assertThat(json(answer).path("type").asText()).isEqualTo("urn:photobooth:problem:invalid-usage-range");
    }

    @Test
    void refusesAnUnknownKeyBeforeTheQuery() {
        Exchange answer = call(template, UsageRoutes.ENDPOINT, null,
                Map.of(KioskHeaders.API_KEY, "nobody", "from", "2026-03-01", "to", "2026-03-01"));

        assertThat(status(answer)).isEqualTo(401);
    }

    private static Map<String, Object> row(String day, String concept) {
        return Map.ofEntries(Map.entry("day", day), Map.entry("concept", concept), Map.entry("requests", 3L),
                Map.entry("shots", 4L), Map.entry("converted_shots", BigDecimal.valueOf(3)), Map.entry("done", 2L),
                Map.entry("failed", 1L), Map.entry("expired", 0L), Map.entry("pending", 0L),
                Map.entry("gpu_millis", BigDecimal.valueOf(2500)), Map.entry("refund_eligible", 1L));
    }
}
