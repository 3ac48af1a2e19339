package io.photobooth.proxy.fleet;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.FleetHeaders;
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
 * {@code generator-watch}: every watch interval, on every managing proxy, reads the generators'
 * Redis heartbeats (one {@code MGET}) and the generator groups' recorded states, then, group by
 * group, describes the group's instances and records what changed: {@code STARTING} to
 * {@code READY} once an instance serves, {@code STOPPING} to {@code STOPPED} once every instance is
 * stopped, or back to {@code STARTING} with a start call when a pre-request arrived meanwhile, a
 * start or a stop asked again when it did not take (see {@code GeneratorLifecycle}). Each change is
 * a guarded update: when several proxies decide the same change, one records it and makes its EC2
 * call; the others change nothing. A group whose instances cannot be described (an instance id EC2
 * does not know) is logged and skipped, and the other groups are watched as usual.
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
                    .log(LoggingLevel.WARN, "Generator watch failed (the next round tries again): ${exception.message}")
                .end()
                .setHeader(RedisConstants.FIELDS, method("generatorGroups", "heartbeatKeys"))
                .to("{{photobooth.endpoints.heartbeat-read}}").id("read-heartbeats")
                .bean("fleetWatch", "keepHeartbeats").id("keep-heartbeats")
                .setBody(constant(FleetSql.SELECT_GROUPS))
                .to(RequestSql.JDBC).id("read-generator-groups")
                .bean("fleetWatch", "pickGroups").id("pick-generator-groups")
                .split(body())
                    .doTry()
                        .bean("fleetWatch", "watch").id("watch-group")
                        .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.describeInstances))
                        .setHeader(AWS2EC2Constants.INSTANCES_IDS, method("fleetWatch", "instanceIds"))
                        .to("{{photobooth.endpoints.generator-instances}}").id("describe-group")
                        .bean("fleetWatch", "decide").id("decide-transition")
                        .filter(body().isNotNull())
                            .setBody(constant(FleetSql.RECORD_TRANSITION))
                            .to(RequestSql.JDBC).id("record-transition")
                            .filter(header(JdbcConstants.JDBC_UPDATE_COUNT).isEqualTo(1))
                                .log("Generators of ${header." + FleetHeaders.GROUP + "}: ${header." + FleetWatch.FROM
                                        + "} -> ${header." + FleetWatch.TO + "}")
                                .filter(header(FleetWatch.RESTART))
                                    .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.startInstances))
                                    .setHeader(AWS2EC2Constants.INSTANCES_IDS, header(FleetWatch.START))
                                    .to("{{photobooth.endpoints.generator-instances}}").id("restart-generators")
                                .end()
                                .filter(header(FleetWatch.RESTOP))
                                    .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.stopInstances))
                                    .setHeader(AWS2EC2Constants.INSTANCES_IDS, header(FleetWatch.STOP))
                                    .to("{{photobooth.endpoints.generator-instances}}").id("stop-generators-again")
                                .end()
                            .end()
                        .endDoTry()
                    .doCatch(Exception.class)
                        .log(LoggingLevel.WARN, "Could not watch the generators of ${header." + FleetHeaders.GROUP
                                + "}: ${exception.message}")
                    .end()
                .end();
    }
}
