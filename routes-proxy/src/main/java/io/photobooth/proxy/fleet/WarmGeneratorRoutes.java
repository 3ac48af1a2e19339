package io.photobooth.proxy.fleet;

import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyRole;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code warm-generator}: starts the generators of the {@code concept} header through the
 * {@code GeneratorFleet}, whose {@code start} only requests the start and returns at once, so the
 * pre-request can call it in line and report the state it caused ({@code STARTING}) without ever
 * waiting for a machine to boot. A failing start never fails the kiosk's call: it is logged.
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
                    .log(LoggingLevel.WARN,
                            "Could not start the generators of ${header." + KioskHeaders.CONCEPT + "}: ${exception.message}")
                .end()
                .bean("generatorFleet", "start(${header." + KioskHeaders.CONCEPT + "})").id("start-generators");
    }
}
