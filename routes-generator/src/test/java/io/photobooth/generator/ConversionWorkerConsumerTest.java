package io.photobooth.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.photobooth.catalogue.PhotoboothProperties.VendorConcept;

import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The worker route's SQS consumer, as Camel reads the route's URI (the context is not started, so
 * nothing polls): after a poll that brought jobs it polls again at once ({@code greedy}),
 * instead of waiting the scheduled consumer's delay, during which a job sent to an idle generator
 * waited up to 500 ms before its receive (measured in docs/benchmarks.md).
 */
@CamelSpringBootTest
@UseAdviceWith
@DirtiesContext
@SpringBootTest(classes = WorkerRouteSlice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ConversionWorkerConsumerTest {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    @Autowired
    CamelContext camelContext;

    @Test
    void shouldPollAgainAtOnceAfterAPollWithJobs() throws Exception {
        String routeId = ConversionWorkerRoutes.routeId("local", new VendorConcept("demo", "sketch"));
        RouteDefinition route = camelContext.getCamelContextExtension().getContextPlugin(ModelCamelContext.class)
                .getRouteDefinition(routeId);
        // the template's parameters ({{queue}}, {{visibilityTimeout}}) are the route's own properties
        String uri = route.getInput().getEndpointUri();
        for (var parameter : route.getTemplateParameters().entrySet()) {
            uri = uri.replace("{{" + parameter.getKey() + "}}", String.valueOf(parameter.getValue()));
        }
        uri = camelContext.resolvePropertyPlaceholders(uri);

        // every option must be one the aws2-sqs component declares (an unknown one fails the route at
        // start-up): its own schema, from its jar
        Map<String, Object> options = URISupport.parseQuery(uri.substring(uri.indexOf('?') + 1));
        JsonNode declared;
        try (InputStream schema = Sqs2Component.class.getResourceAsStream("/META-INF/org/apache/camel/component/aws2/sqs/aws2-sqs.json")) {
            declared = new ObjectMapper().readTree(schema).get("properties");
        }
        assertThat(options.keySet()).allSatisfy(option -> assertThat(declared.has(option)).as(option).isTrue());
        assertThat(declared.get("greedy").get("kind").asText()).isEqualTo("parameter");
        assertThat(options).containsEntry("greedy", "true").containsEntry("waitTimeSeconds", "20");
    }
}
