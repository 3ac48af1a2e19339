package io.photobooth.proxy.events;

import java.time.Duration;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.events.EventStreamEnd;
import io.photobooth.events.EventStreamOpener;
import io.photobooth.events.EventStreamWait;
import io.photobooth.events.EventStreamWriter;
import io.photobooth.events.RequestEventSignals;
import io.photobooth.proxy.ProxyRole;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The beans of the request events: the signals that wake the event streams of this proxy (used by
 * {@code enqueue-shots} and {@code completion-subscriber}), and the processors of
 * {@code request-events}. The sink, the servlet response, is kept by {@link KeepServletResponse}.
 */
@Configuration(proxyBeanMethods = false)
@ProxyRole
public class RequestEventConfiguration {

    /** A stream with nothing to send for this long sends a keep-alive comment. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** A stream reads again after this long without a signal, for events that no signal announces here. */
    public static final Duration RECHECK = Duration.ofSeconds(1);

    @Bean
    RequestEventSignals requestEventSignals() {
        return new RequestEventSignals();
    }

    @Bean
    EventStreamOpener eventStreamOpener(RequestEventSignals signals, PhotoboothProperties properties) {
        return new EventStreamOpener(signals, properties.kiosk().eventStreamTimeout());
    }

    @Bean
    EventStreamWriter eventStreamWriter() {
        return new EventStreamWriter();
    }

    @Bean
    EventStreamWait eventStreamWait() {
        return new EventStreamWait(HEARTBEAT, RECHECK);
    }

    @Bean
    EventStreamEnd eventStreamEnd() {
        return new EventStreamEnd();
    }
}
