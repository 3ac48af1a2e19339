package io.photobooth.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.contract.GeneratorHeartbeat;
import io.photobooth.contract.Json;
import io.photobooth.fleet.GeneratorGroups;
import io.photobooth.fleet.HeartbeatAnnouncer;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code generator-heartbeat} of the one instance this JVM is ({@code generator-test}): the timer is
 * replaced by {@code direct:beat} and the Redis SETEX by {@code mock:heartbeat}.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = GeneratorHeartbeatRoutesTest.Slice.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GeneratorHeartbeatRoutesTest {

    static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    @SpringBootConfiguration
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    @EnableConfigurationProperties(PhotoboothProperties.class)
    @Import(GeneratorHeartbeatRoutes.class)
    static class Slice {
        @Bean
        GeneratorGroups generatorGroups(PhotoboothProperties properties) {
            return new GeneratorGroups(properties);
        }

        @Bean
        HeartbeatAnnouncer heartbeatAnnouncer(GeneratorGroups groups, PhotoboothProperties properties) {
            return new HeartbeatAnnouncer(groups, properties.env(), properties.fleet().heartbeatTtl(),
                    Clock.fixed(NOW, ZoneOffset.UTC));
        }
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Test
    void writesTheInstancesHeartbeatWithItsConceptsForThreeIntervals() throws Exception {
        String routeId = GeneratorHeartbeatRoutes.routeId("generator-test");
        AdviceWith.adviceWith(camelContext, routeId, route -> {
            route.replaceFromWith("direct:beat");
            route.weaveById("write-heartbeat").replace().to("mock:heartbeat");
        });
        camelContext.start();
        MockEndpoint heartbeat = camelContext.getEndpoint("mock:heartbeat", MockEndpoint.class);
        heartbeat.expectedMessageCount(1);

        template.sendBody("direct:beat", null);

        heartbeat.assertIsSatisfied();
        Message written = heartbeat.getReceivedExchanges().getFirst().getMessage();
        assertThat(written.getHeader(HeartbeatAnnouncer.KEY)).isEqualTo("photobooth:local:generator:generator-test");
        assertThat(written.getHeader(HeartbeatAnnouncer.TIMEOUT_SECONDS)).as("3 x the 5 s default").isEqualTo(15L);
        assertThat(Json.mapper().readValue(written.getHeader(HeartbeatAnnouncer.VALUE, String.class),
                GeneratorHeartbeat.class))
                .isEqualTo(new GeneratorHeartbeat(1, "generator-test", List.of("sketch"), NOW));
        assertThat(camelContext.getRoutes()).extracting(route -> route.getRouteId())
                .as("one heartbeat route: this JVM is one instance").containsExactly(routeId);
    }
}
