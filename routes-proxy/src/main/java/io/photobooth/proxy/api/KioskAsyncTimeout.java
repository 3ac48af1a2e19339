package io.photobooth.proxy.api;

import java.time.Duration;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.proxy.ProxyRole;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Spring Boot platform-http consumer hands each kiosk request to Spring MVC as an asynchronous
 * request and runs the route on another thread. Spring MVC ends an asynchronous request after its
 * timeout, Tomcat's 30 s unless set, whatever the route is still doing: a main request waiting out
 * a {@code conversion-timeout} of 30 s would get an error instead of its 202, and an event stream
 * would be cut after 30 s. The timeout is therefore the longest a kiosk route may hold a request
 * ({@code conversion-timeout} or {@code event-stream-timeout}) plus {@link #MARGIN}, in which the
 * route reads and writes its answer.
 */
@Configuration(proxyBeanMethods = false)
@ProxyRole
public class KioskAsyncTimeout implements WebMvcConfigurer {

    static final Duration MARGIN = Duration.ofSeconds(30);

    private final Duration timeout;

    public KioskAsyncTimeout(PhotoboothProperties properties) {
        Duration conversion = properties.kiosk().conversionTimeout();
        Duration stream = properties.kiosk().eventStreamTimeout();
        this.timeout = (conversion.compareTo(stream) >= 0 ? conversion : stream).plus(MARGIN);
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(timeout.toMillis());
    }
}
