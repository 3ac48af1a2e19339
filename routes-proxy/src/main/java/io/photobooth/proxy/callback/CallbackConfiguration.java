package io.photobooth.proxy.callback;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;

import io.photobooth.callback.CallbackEvents;
import io.photobooth.callback.CallbackLog;
import io.photobooth.callback.CallbackOutcome;
import io.photobooth.callback.CallbackSigner;
import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.catalogue.PhotoboothProperties.Callback;
import io.photobooth.proxy.ProxyRole;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The processors of the callback routes, as beans a test can replace. */
@Configuration(proxyBeanMethods = false)
@ProxyRole
public class CallbackConfiguration {

    /** The callback of each vendor that has one. */
    static Map<String, Callback> callbacks(PhotoboothProperties properties) {
        Map<String, Callback> callbacks = new TreeMap<>();
        properties.vendors().forEach((vendor, settings) -> {
            if (settings.callback() != null) {
                callbacks.put(vendor, settings.callback());
            }
        });
        return callbacks;
    }

    @Bean
    CallbackEvents callbackEvents() {
        return new CallbackEvents();
    }

    @Bean
    CallbackSigner callbackSigner(PhotoboothProperties properties, Clock clock) {
        return new CallbackSigner(callbacks(properties), clock);
    }

    @Bean
    CallbackOutcome callbackOutcome(PhotoboothProperties properties, Clock clock) {
        return new CallbackOutcome(properties.callbacks(), clock);
    }

    @Bean
    CallbackLog callbackLog() {
        return new CallbackLog();
    }

    /**
     * A receiver gets the signature headers and nothing else of the exchange (no vendor, request id
     * or camel-jdbc header): every header whose name does not start with {@code Photobooth-} stays
     * behind. The Content-Type goes with the body, set by the HTTP component itself.
     */
    @Bean
    HeaderFilterStrategy callbackSignatureHeadersOnly() {
        DefaultHeaderFilterStrategy strategy = new DefaultHeaderFilterStrategy();
        strategy.setOutFilterPattern("(?i)(?!photobooth-).*");
        return strategy;
    }

    /**
     * One attempt is one POST: the HTTP client's own retries (of a 503 or 429 after its Retry-After,
     * and of some I/O errors) are off, so that every POST a receiver gets is an attempt on record, and
     * the backoff of {@code photobooth.callbacks} alone decides when the next one comes.
     */
    @Bean
    HttpClientConfigurer callbackHttpClient() {
        return builder -> builder.disableAutomaticRetries();
    }
}
