package io.photobooth.fleet;

import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.photobooth.catalogue.PhotoboothProperties.GeneratorGroup;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;

import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;

/**
 * The steps of the {@code generator-watch} route: keep which instances announce themselves (the
 * heartbeats, one value or null per instance in the order of {@link GeneratorGroups#allInstanceIds()}),
 * pick the recorded groups of the catalogue, and for one group at a time, decide from its
 * instances' EC2 states the transition to record.
 */
public class FleetWatch {

    /** The SQL parameters of a transition's guarded update, and the instances it starts or stops. */
    public static final String FROM = "generatorFrom";
    public static final String VERSION = "generatorVersion";
    public static final String LAST_ACTIVITY = "generatorLastActivity";
    public static final String TO = "generatorTo";
    public static final String RESTART = "generatorRestart";
    public static final String RESTOP = "generatorRestop";
    public static final String QUIET = "generatorQuiet";
    public static final String START = "generatorStart";
    public static final String STOP = "generatorStop";

    /** The group record being watched, while its instances are described. */
    public static final String RECORD = "generatorGroupRecord";
    static final String ANNOUNCED = "generatorsAnnounced";

    private final GeneratorGroups groups;
    private final GeneratorLifecycle lifecycle;

    public FleetWatch(GeneratorGroups groups, GeneratorLifecycle lifecycle) {
        this.groups = groups;
        this.lifecycle = lifecycle;
    }

    /** The body: the heartbeats. */
    public void keepHeartbeats(Exchange exchange) {
        List<?> heartbeats = exchange.getMessage().getBody(List.class);
        List<String> ids = groups.allInstanceIds();
        Set<String> announced = new HashSet<>();
        for (int i = 0; i < ids.size() && heartbeats != null && i < heartbeats.size(); i++) {
            if (heartbeats.get(i) != null) {
                announced.add(ids.get(i));
            }
        }
        exchange.setProperty(ANNOUNCED, Set.copyOf(announced));
    }

    /** The body: the rows of {@code generator_group}; replaced by the records of the catalogue's groups. */
    @SuppressWarnings("unchecked")
    public void pickGroups(Exchange exchange) {
        Message in = exchange.getMessage();
        List<Map<String, Object>> rows = in.getBody(List.class);
        in.setBody(GeneratorGroupRecord.fromRows(rows).stream()
                .filter(record -> groups.find(record.key()).isPresent())
                .toList());
    }

    /** The body: one {@link GeneratorGroupRecord}; keeps it and sets the group and its instances. */
    public void watch(Exchange exchange) {
        GeneratorGroupRecord record = exchange.getMessage().getBody(GeneratorGroupRecord.class);
        exchange.setProperty(RECORD, record);
        exchange.getMessage().setHeader(FleetHeaders.GROUP, record.key());
    }

    public List<String> instanceIds(Exchange exchange) {
        return groups.instanceIds(exchange.getProperty(RECORD, GeneratorGroupRecord.class).key());
    }

    /**
     * The body: EC2's answer to {@code describeInstances} for the group; replaced by the
     * {@link GroupTransition} to record, with the parameters of its guarded update as headers, or
     * by null when nothing changes.
     */
    @SuppressWarnings("unchecked")
    public void decide(Exchange exchange) throws InvalidPayloadException {
        Message in = exchange.getMessage();
        GeneratorGroupRecord record = exchange.getProperty(RECORD, GeneratorGroupRecord.class);
        GeneratorGroup group = groups.byKey(record.key());
        Set<String> announced = exchange.getProperty(ANNOUNCED, Set.class);
        Optional<GroupTransition> next = lifecycle.next(record, group,
                InstanceStates.of(in.getMandatoryBody(DescribeInstancesResponse.class)), announced);
        in.setBody(next.orElse(null));
        next.ifPresent(transition -> {
            in.setHeader(FROM, transition.from().name());
            in.setHeader(VERSION, transition.version());
            in.setHeader(LAST_ACTIVITY, Timestamp.from(transition.lastActivityAt()));
            in.setHeader(TO, transition.to().name());
            in.setHeader(RESTART, !transition.start().isEmpty());
            in.setHeader(RESTOP, !transition.stop().isEmpty());
            in.setHeader(QUIET, transition.requireNoNewActivity());
            in.setHeader(START, transition.start());
            in.setHeader(STOP, transition.stop());
        });
    }
}
