package io.photobooth.proxy;

import io.photobooth.kiosk.ProblemAnswer;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The error handling every kiosk-facing route opts into with
 * {@code .routeConfigurationId(KioskErrors.ID)}: any exception ends the exchange with an RFC 9457
 * problem answer, never with a bare 500 page.
 */
@Component
@ProxyRole
public class KioskErrors extends RouteConfigurationBuilder {

    public static final String ID = "kiosk-errors";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(true)
                .process(new ProblemAnswer()).id("answer-problem");
    }
}
