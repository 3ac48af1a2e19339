package io.photobooth.proxy.fleet;

import io.photobooth.catalogue.PhotoboothProperties;
import io.photobooth.fleet.FleetHeaders;
import io.photobooth.fleet.InstanceStates;
import io.photobooth.proxy.ProxyRole;
import io.photobooth.proxy.RequestSql;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.ec2.AWS2EC2Constants;
import org.apache.camel.component.aws2.ec2.AWS2EC2Operations;
import org.apache.camel.component.jdbc.JdbcConstants;
import org.springframework.stereotype.Component;

/**
 * {@code idle-stop}: every idle-check interval, on every managing proxy, stops the generator groups
 * that are idle: running or starting past their boot grace, no activity (pre-request, enqueue) and
 * no request finished within the idle timeout, no request uploaded or queued, and their queues empty
 * (visible, in flight and delayed jobs). The queues are looked at first; then the stop is claimed
 * in the database by an update that checks the rest again under the group row's lock, so of
 * several proxies one claims it, and a pre-request that recorded its activity first wins. Only the
 * claimant describes the group's instances and stops those pending or running. A stop call that
 * fails leaves the group {@code STOPPING}: {@code generator-watch} asks again, or gives up when
 * customers came meanwhile.
 */
@Component
@ProxyRole
@ManagesFleet
public class IdleStopRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "idle-stop";

    private final PhotoboothProperties properties;

    public IdleStopRoutes(PhotoboothProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("timer:" + ROUTE_ID + "?delay=5000&period=" + properties.fleet().idleCheckInterval().toMillis())
                .routeId(ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Idle check failed: ${exception.message}")
                .end()
                .setBody(constant(FleetSql.SELECT_GROUPS))
                .to(RequestSql.JDBC).id("read-groups-for-idleness")
                .bean("idleCheck", "candidates").id("pick-idle-candidates")
                .split(body())
                    .doTry()
                        .bean("idleCheck", "describe").id("describe-candidate")
                        .process("queueDepths").id("count-queued-jobs")
                        .filter(header(FleetHeaders.PENDING_JOBS).isEqualTo(0L))
                            .setBody(constant(FleetSql.CLAIM_STOP))
                            .to(RequestSql.JDBC).id("claim-stop")
                            .filter(header(JdbcConstants.JDBC_UPDATE_COUNT).isEqualTo(1))
                                .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.describeInstances))
                                .setHeader(AWS2EC2Constants.INSTANCES_IDS,
                                        method("generatorGroups", "instanceIds(${header." + FleetHeaders.GROUP + "})"))
                                .to("{{photobooth.endpoints.generator-instances}}").id("describe-idle-generators")
                                .setHeader(AWS2EC2Constants.INSTANCES_IDS, method(InstanceStates.class, "up"))
                                .filter(simple("${header." + AWS2EC2Constants.INSTANCES_IDS + ".size()} > 0"))
                                    .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.stopInstances))
                                    .to("{{photobooth.endpoints.generator-instances}}").id("stop-generators")
                                    .log("Stopping the idle generators ${header." + AWS2EC2Constants.INSTANCES_IDS
                                            + "} of ${header." + FleetHeaders.GROUP + "}")
                                .end()
                            .end()
                        .endDoTry()
                    .doCatch(Exception.class)
                        .log(LoggingLevel.WARN, "Could not stop the idle generators of ${header." + FleetHeaders.GROUP
                                + "} (the watch asks again): ${exception.message}")
                    .end()
                .end();
    }
}
