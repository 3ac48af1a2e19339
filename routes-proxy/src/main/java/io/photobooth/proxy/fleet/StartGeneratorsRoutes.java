package io.photobooth.proxy.fleet;

import io.photobooth.fleet.FleetHeaders;
import io.photobooth.fleet.InstanceStates;
import io.photobooth.proxy.ProxyRole;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.ec2.AWS2EC2Constants;
import org.apache.camel.component.aws2.ec2.AWS2EC2Operations;
import org.springframework.stereotype.Component;

/**
 * {@code start-generators}: the start a warm-up claimed. Describes the group's instances and starts
 * those that are {@code stopped}. Instances still {@code stopping} cannot be started yet: the
 * {@code generator-watch} route starts them once they are stopped, as it does when this call fails.
 */
@Component
@ProxyRole
@ManagesFleet
public class StartGeneratorsRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "start-generators";
    public static final String ENDPOINT = "direct:start-generators";

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID)
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.WARN, "Could not start the generators of ${header." + FleetHeaders.GROUP
                            + "} (the watch retries): ${exception.message}")
                .end()
                .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.describeInstances))
                .setHeader(AWS2EC2Constants.INSTANCES_IDS,
                        method("generatorGroups", "instanceIds(${header." + FleetHeaders.GROUP + "})"))
                .to("{{photobooth.endpoints.generator-instances}}").id("describe-generators")
                .setHeader(AWS2EC2Constants.INSTANCES_IDS, method(InstanceStates.class, "stopped"))
                .filter(simple("${header." + AWS2EC2Constants.INSTANCES_IDS + ".size()} > 0"))
                    .setHeader(AWS2EC2Constants.OPERATION, constant(AWS2EC2Operations.startInstances))
                    .to("{{photobooth.endpoints.generator-instances}}").id("start-stopped-generators")
                    .log("Starting ${header." + AWS2EC2Constants.INSTANCES_IDS + "} of ${header."
                            + FleetHeaders.GROUP + "}")
                .end();
    }
}
