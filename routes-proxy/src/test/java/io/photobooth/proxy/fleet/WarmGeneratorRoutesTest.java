package io.photobooth.proxy.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.support.RecordingGeneratorFleet;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code warm-generator} against a recording {@code generatorFleet}: nothing external to mock, so
 * no advice is needed; the fleet bean itself is the test double.
 */
@CamelSpringBootTest
@SpringBootTest(classes = WarmGeneratorRoutesTest.Slice.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class WarmGeneratorRoutesTest {

    @SpringBootConfiguration
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    @Import(WarmGeneratorRoutes.class)
    static class Slice {
        @Bean
        RecordingGeneratorFleet generatorFleet() {
            return new RecordingGeneratorFleet();
        }
    }

    @Autowired
    ProducerTemplate template;

    @Autowired
    RecordingGeneratorFleet generatorFleet;

    @BeforeEach
    void resetFleet() {
        generatorFleet.reset();
    }

    @Test
    void startsTheGeneratorsOfTheConcept() {
        Exchange result = warm("sketch");

        assertThat(result.getException()).isNull();
        assertThat(generatorFleet.started()).containsExactly("sketch");
    }

    @Test
    void swallowsAFailedStartSoThatTheKioskNeverSeesIt() {
        generatorFleet.failStartsWith(new IllegalStateException("EC2 is unreachable"));

        Exchange result = warm("sketch");

        assertThat(generatorFleet.started()).as("the start was attempted").containsExactly("sketch");
        assertThat(result.getException()).isNull();
        assertThat(result.isFailed()).isFalse();
        assertThat(result.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class))
                .hasMessage("EC2 is unreachable");
    }

    private Exchange warm(String concept) {
        return template.send(WarmGeneratorRoutes.ENDPOINT,
                exchange -> exchange.getMessage().setHeader(KioskHeaders.CONCEPT, concept));
    }
}
