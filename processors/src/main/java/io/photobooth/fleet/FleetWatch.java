package io.photobooth.fleet;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The steps of the {@code generator-watch} route: keep the group rows, keep the instances' EC2
 * states, then decide from the heartbeats (one value or null per instance, in the order of
 * {@link GeneratorGroups#allInstanceIds()}) the transitions to record.
 */
public class FleetWatch {

    /** The SQL parameters of a transition's guarded update, and the instances it starts. */
    public static final String FROM = "generatorFrom";
    public static final String VERSION = "generatorVersion";
    public static final String LAST_ACTIVITY = "generatorLastActivity";
    public static final String TO = "generatorTo";
    public static final String RESTART = "generatorRestart";
    public static final String QUIET = "generatorQuiet";
    public static final String START = "generatorStart";

    static final String RECORDS = "generatorGroupRecords";
    static final String INSTANCES = "generatorInstanceStates";

    private final GeneratorGroups groups;
    private final GeneratorLifecycle lifecycle;

    public FleetWatch(GeneratorGroups groups, GeneratorLifecycle lifecycle) {
        this.groups = groups;
        this.lifecycle = lifecycle;
    }

    /** The body: the rows of {@code generator_group}. */
    @SuppressWarnings("unchecked")
    public void keepRecords(Exchange exchange) {
        exchange.setProperty(RECORDS, GeneratorGroupRecord.fromRows(exchange.getMessage().getBody(List.class)));
    }

    /** The body: EC2's answer to {@code describeInstances}. */
    public void keepInstances(Exchange exchange) throws InvalidPayloadException {
        exchange.setProperty(INSTANCES,
                InstanceStates.of(exchange.getMessage().getMandatoryBody(DescribeInstancesResponse.class)));
    }

    /** The body: the heartbeats; replaced by the list of {@link GroupTransition}s to make. */
    @SuppressWarnings("unchecked")
    public void decide(Exchange exchange) {
        Message in = exchange.getMessage();
        List<?> heartbeats = in.getBody(List.class);
        List<String> ids = groups.allInstanceIds();
        Set<String> announced = new HashSet<>();
        for (int i = 0; i < ids.size() && heartbeats != null && i < heartbeats.size(); i++) {
            if (heartbeats.get(i) != null) {
                announced.add(ids.get(i));
            }
        }
        Map<String, InstanceStateName> instances = exchange.getProperty(INSTANCES, Map.class);
        List<GroupTransition> transitions = new ArrayList<>();
        for (GeneratorGroupRecord record : (List<GeneratorGroupRecord>) exchange.getProperty(RECORDS, List.class)) {
            groups.find(record.key())
                    .flatMap(group -> lifecycle.next(record, group, instances, announced))
                    .ifPresent(transitions::add);
        }
        in.setBody(transitions);
    }

    /** The body: one {@link GroupTransition}; sets the parameters of its guarded update. */
    public void describe(Exchange exchange) {
        Message in = exchange.getMessage();
        GroupTransition transition = in.getBody(GroupTransition.class);
        in.setHeader(FleetHeaders.GROUP, transition.group());
        in.setHeader(FROM, transition.from().name());
        in.setHeader(VERSION, transition.version());
        in.setHeader(LAST_ACTIVITY, Timestamp.from(transition.lastActivityAt()));
        in.setHeader(TO, transition.to().name());
        in.setHeader(RESTART, !transition.start().isEmpty());
        in.setHeader(QUIET, transition.requireNoNewActivity());
        in.setHeader(START, transition.start());
    }
}
