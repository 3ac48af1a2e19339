package io.photobooth.proxy.fleet;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.FleetWatch;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.ec2.AWS2EC2Constants;
import org.apache.camel.component.aws2.ec2.AWS2EC2Operations;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.apache.camel.component.redis.RedisConstants;
import org.springframework.stereotype.Component;

/**
 * {@code generator-watch}: every watch interval, on every proxy, reads the generator groups'
 * recorded states, the instances' EC2 states (one {@code describeInstances} for the whole fleet)
 * and the generators' Redis heartbeats, and records what changed: {@code STARTING} to
 * {@code READY} once an instance serves, {@code STOPPING} to {@code STOPPED} once every instance is
 * stopped, or back to {@code STARTING} with a start call when a pre-request arrived meanwhile (see
 * {@code GeneratorLifecycle}). Each change is a guarded update: when several proxies decide the
 * same change, one records it and makes its start call; the others change nothing.
 */
@Component
@ProxyRole
@ManagesFleet
public class GeneratorWatchRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "generator-watch";

    private final PhotoboothProperties properties;

    public GeneratorWatchRoutes(PhotoboothProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?delay=1000&period=" + properties.fleet().watchInterval().toMillis())
                .routeId(ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Generator watch failed (the next round tries again): "
                            + "${exception.message}")
                .end()
                .setBody(constant(FleetSql.SELECT_GROUPS))
                .to(RequestSql.JDBC).id("read-generator-groups")
                .bean("fleetWatch", "keepRecords").id("keep-generator-groups")
                .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.describeInstances))
                .setHeader(AWS2EC2Constants.INSTANCES_IDS, method("generatorGroups", "allInstanceIds"))
                .to("{{photobooth.endpoints.generator-instances}}").id("describe-fleet")
                .bean("fleetWatch", "keepInstances").id("keep-instance-states")
                .setHeader(RedisConstants.FIELDS, method("generatorGroups", "heartbeatKeys"))
                .to("{{photobooth.endpoints.heartbeat-read}}").id("read-heartbeats")
                .bean("fleetWatch", "decide").id("decide-transitions")
                .split(body())
                    .bean("fleetWatch", "describe").id("describe-transition")
                    .setBody(constant(FleetSql.RECORD_TRANSITION))
                    .to(RequestSql.JDBC).id("record-transition")
                    .filter(header(JdbcConstants.JDBC_UPDATE_COUNT).isEqualTo(1))
                        .log("Generators of ${header.generatorGroup}: ${header." + FleetWatch.FROM + "} -> ${header."
                                + FleetWatch.TO + "}")
                        .filter(simple("${header." + FleetWatch.START + ".size()} > 0"))
                            .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.startInstances))
                            .setHeader(AWS2EC2Constants.INSTANCES_IDS, header(FleetWatch.START))
                            .to("{{photobooth.endpoints.generator-instances}}").id("restart-generators")
                        .end()
                    .end()
                .end();
    }
}
