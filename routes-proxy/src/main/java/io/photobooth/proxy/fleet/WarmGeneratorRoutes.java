package io.photobooth.proxy.fleet;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyRole;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code warm-generator}: starts the generators of the {@code concept} header through the
 * {@code GeneratorFleet}. It runs off the kiosk's path (the pre-request wire-taps it), so a slow
 * or failing start never delays or fails the kiosk's answer; a failure is logged.
 */
@Component
@ProxyRole
public class WarmGeneratorRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "warm-generator";
    public static final String ENDPOINT = "direct:warm-generator";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(org.apache.camel.LoggingLevel.WARN,
                            "Could not start the generators of ${header." + KioskHeaders.CONCEPT + "}: ${exception.message}")
                .end()
                .bean("generatorFleet", "start(${header." + KioskHeaders.CONCEPT + "})").id("start-generators");
    }
}
