package io.photobooth.fleet;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.photobooth.support.TestCatalogue;

import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

/** Group rows and EC2 answers as the fleet routes receive them. */
final class FleetFixtures {

    static final Instant NOW = TestCatalogue.NOW;
    static final GeneratorGroups GROUPS = new GeneratorGroups(TestCatalogue.properties());

    private FleetFixtures() {
    }

    static GeneratorGroupRecord record(GeneratorState state, Duration sinceActivity, Duration sinceStart,
            Duration sinceStop) {
        return new GeneratorGroupRecord("sketch", state, 7, NOW.minus(sinceActivity),
                sinceStart == null ? null : NOW.minus(sinceStart), sinceStop == null ? null : NOW.minus(sinceStop),
                NOW);
    }

    /** A {@code generator_group} row as camel-jdbc returns it. */
    static Map<String, Object> row(String key, GeneratorState state, Duration sinceActivity, Duration sinceStart) {
        Map<String, Object> row = new HashMap<>();
        row.put("group_key", key);
        row.put("state", state.name());
        row.put("version", 3L);
        row.put("last_activity_at", Timestamp.from(NOW.minus(sinceActivity)));
        row.put("start_requested_at", sinceStart == null ? null : Timestamp.from(NOW.minus(sinceStart)));
        row.put("stop_requested_at", null);
        row.put("db_now", Timestamp.from(NOW));
        return row;
    }

    static DescribeInstancesResponse described(Map<String, InstanceStateName> states) {
        return DescribeInstancesResponse.builder()
                .reservations(Reservation.builder()
                        .instances(states.entrySet().stream()
                                .map(state -> Instance.builder().instanceId(state.getKey())
                                        .state(s -> s.name(state.getValue())).build())
                                .toList())
                        .build())
                .build();
    }

    static List<String> sketchInstances() {
        return GROUPS.instanceIds("sketch");
    }
}
