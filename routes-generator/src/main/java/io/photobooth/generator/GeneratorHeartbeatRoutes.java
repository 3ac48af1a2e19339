package io.photobooth.generator;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.HeartbeatAnnouncer;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code generator-heartbeat}: a route template, one route per served instance
 * ({@code generator-heartbeat-{instanceId}}). From start-up on, every heartbeat interval, it
 * writes the instance's heartbeat (its id and concepts) to Redis with an expiry of three
 * intervals: the proxies count the instance as serving ({@code READY}) while it is there. It starts
 * with the JVM on EC2; with an in-process fleet the fleet starts and suspends it with the
 * instance's worker routes.
 */
@Component
@GeneratorRole
public class GeneratorHeartbeatRoutes extends RouteBuilder {

    public static final String TEMPLATE_ID = "generator-heartbeat";

    private final PhotoboothProperties properties;

    public GeneratorHeartbeatRoutes(PhotoboothProperties properties) {
        this.properties = properties;
    }

    public static String routeId(String instanceId) {
        return TEMPLATE_ID + "-" + instanceId;
    }

    @Override
    public void configure() {
        routeTemplate(TEMPLATE_ID)
                .templateParameter("instance")
                .from("timer:" + TEMPLATE_ID + "-{{instance}}?delay=0&period="
                        + properties.fleet().heartbeatInterval().toMillis())
                .autoStartup(!properties.fleet().inProcess())
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Heartbeat of {{instance}} not written: ${exception.message}")
                .end()
                .setHeader(HeartbeatAnnouncer.INSTANCE, constant("{{instance}}"))
                .process("heartbeatAnnouncer").id("prepare-heartbeat")
                .to("{{photobooth.endpoints.heartbeat-write}}").id("write-heartbeat");

        ServedInstances.of(properties).forEach(instance -> templatedRoute(TEMPLATE_ID)
                .routeId(routeId(instance))
                .prefixId(routeId(instance) + "-")
                .parameter("instance", instance));
    }
}
