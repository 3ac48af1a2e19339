package io.photobooth.proxy.sweep;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.photobooth.proxy.ProxyConfiguration;
import io.photobooth.proxy.events.RequestEventConfiguration;
import io.photobooth.proxy.support.ProxyRouteTestBeans;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@code expire-requests} as the {@code aws} profile configures it
 * ({@code remove-expired-uploads=false}): the records expire, the uploads are left to the bucket's
 * lifecycle rule.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = ExpireRequestsKeepingUploadsRoutesTest.Slice.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "photobooth.kiosk.remove-expired-uploads=false")
class ExpireRequestsKeepingUploadsRoutesTest {

    @SpringBootConfiguration
    @Import({ProxyRouteTestBeans.class, ProxyConfiguration.class, RequestEventConfiguration.class,
        ExpireRequestsRoutes.class})
    static class Slice {
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Test
    void expiresTheRequestsButLeavesTheirUploads() throws Exception {
        ExpireRequestsRoutesTest.advise(camelContext);
        MockEndpoint expire = camelContext.getEndpoint("mock:expire", MockEndpoint.class);
        MockEndpoint listUploads = camelContext.getEndpoint("mock:list-uploads", MockEndpoint.class);
        expire.whenAnyExchangeReceived(exchange -> exchange.getMessage()
                .setBody(List.of(Map.of("request_id", UUID.randomUUID().toString(), "vendor", "demo"))));
        expire.expectedMessageCount(1);
        listUploads.expectedMessageCount(0);

        template.sendBody(ExpireRequestsRoutesTest.TICK, null);

        MockEndpoint.assertIsSatisfied(expire, listUploads);
    }
}
