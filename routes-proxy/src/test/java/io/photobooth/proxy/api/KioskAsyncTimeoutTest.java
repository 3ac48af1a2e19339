package io.photobooth.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.photobooth.catalogue.PhotoboothProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;

/** The asynchronous request timeout outlasts the longest kiosk route, whichever that is. */
class KioskAsyncTimeoutTest {

    /** Exposes the timeout that Spring MVC will apply. */
    static class Configurer extends AsyncSupportConfigurer {
        Duration timeout() {
            return Duration.ofMillis(getTimeout());
        }
    }

    private static Duration timeoutWith(String conversionTimeout, String eventStreamTimeout) {
        Configurer configurer = new Configurer();
        new KioskAsyncTimeout(properties(conversionTimeout, eventStreamTimeout)).configureAsyncSupport(configurer);
        return configurer.timeout();
    }

    private static PhotoboothProperties properties(String conversionTimeout, String eventStreamTimeout) {
        Map<String, String> values = Map.ofEntries(
                Map.entry("photobooth.env", "local"),
                Map.entry("photobooth.bucket", "photos"),
                Map.entry("photobooth.models-dir", "models"),
                Map.entry("photobooth.vendors.demo.concepts[0]", "sketch"),
                Map.entry("photobooth.concepts.sketch.display-name", "Pencil sketch"),
                Map.entry("photobooth.concepts.sketch.model", "sketch"),
                Map.entry("photobooth.concepts.sketch.generators.instances.local[0]", "i-sketch-1"),
                Map.entry("photobooth.generator.instance-id", "generator-test"),
                Map.entry("photobooth.endpoints.completions", "direct:completions"),
                Map.entry("photobooth.kiosk.conversion-timeout", conversionTimeout),
                Map.entry("photobooth.kiosk.event-stream-timeout", eventStreamTimeout));
        return new Binder(new MapConfigurationPropertySource(values)).bind("photobooth", PhotoboothProperties.class)
                .get();
    }

    @Test
    void shouldOutlastTheEventStreamWhenItIsTheLongest() {
        assertThat(timeoutWith("PT30S", "PT2M")).isEqualTo(Duration.ofMinutes(2).plus(KioskAsyncTimeout.MARGIN));
    }

    @Test
    void shouldOutlastTheMainRequestWhenItIsTheLongest() {
        assertThat(timeoutWith("PT5M", "PT2M")).isEqualTo(Duration.ofMinutes(5).plus(KioskAsyncTimeout.MARGIN));
    }
}
