package io.photobooth.proxy.fleet;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.FleetHeaders;
import io.photobooth.fleet.GeneratorState;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.springframework.stereotype.Component;

/**
 * {@code warm-generator}: a route template, one route per concept ({@code warm-generator-{concept}},
 * from {@code direct:warm-generator-{concept}}), called in line by the pre-request and the main
 * request with the {@code vendor} header. It records the activity on the group that serves the
 * vendor's concept and, in the same locked update, claims the group's start if it is stopped; it
 * sets the {@code generatorState} header the kiosk is told ({@code STARTING} or {@code READY}) and
 * never waits for EC2: the one call that claimed the start hands it to {@code start-generators} on
 * another thread (where this proxy manages the fleet; elsewhere a managing proxy's watch starts the
 * group it finds starting, {@code start-retry-after} later). A failure here never fails the kiosk's
 * call: it is logged, the kiosk is told {@code STARTING}, and the next warm-up tries again.
 */
@Component
@ProxyRole
public class WarmGeneratorRoutes extends RouteBuilder {

    public static final String TEMPLATE_ID = "warm-generator";

    private final PhotoboothProperties properties;

    public WarmGeneratorRoutes(PhotoboothProperties properties) {
        this.properties = properties;
    }

    /** The endpoint of the warm-up of a concept's generators. */
    public static String endpointOf(String concept) {
        return "direct:" + TEMPLATE_ID + "-" + concept;
    }

    /** The endpoint of the warm-up of the concept in the {@code concept} header. */
    public static String endpointOfConcept() {
        return "direct:" + TEMPLATE_ID + "-${header." + KioskHeaders.CONCEPT + "}";
    }

    @Override
    public void configure() {
        // doTry, not onException: a handled exception of a direct route would end its caller's route too
        ProcessorDefinition<?> warmUp = routeTemplate(TEMPLATE_ID)
                .templateParameter("concept")
                .from("direct:" + TEMPLATE_ID + "-{{concept}}")
                .doTry()
                    .setHeader(FleetHeaders.GROUP, method("generatorGroups",
                            "keyOf(${header." + KioskHeaders.VENDOR + "}, ${header." + KioskHeaders.CONCEPT + "})"))
                    .setBody(constant(FleetSql.CLAIM_START))
                    .to(RequestSql.JDBC).id("claim-start")
                    .process("warmUpClaim").id("read-claim")
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Could not warm the generators of ${header." + KioskHeaders.CONCEPT
                            + "} for ${header." + KioskHeaders.VENDOR + "}: ${exception.message}")
                    .setHeader(FleetHeaders.STATE, constant(GeneratorState.STARTING))
                    .setHeader(FleetHeaders.START_CLAIMED, constant(false))
                .end();
        if (properties.fleet().managed()) {
            warmUp.filter(header(FleetHeaders.START_CLAIMED))
                    .wireTap(StartGeneratorsRoutes.ENDPOINT).id("hand-over-start")
                    .end();
        }

        properties.concepts().keySet().forEach(concept -> templatedRoute(TEMPLATE_ID)
                .routeId(TEMPLATE_ID + "-" + concept)
                .prefixId(TEMPLATE_ID + "-" + concept + "-")
                .parameter("concept", concept));
    }
}
