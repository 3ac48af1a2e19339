package io.photobooth.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

class InstanceStatesTest {

    private static Instance instance(String id, InstanceStateName state) {
        return Instance.builder().instanceId(id).state(s -> s.name(state)).build();
    }

    @Test
    void readsEveryInstanceOfEveryReservation() {
        DescribeInstancesResponse response = DescribeInstancesResponse.builder().reservations(
                Reservation.builder().instances(instance("i-1", InstanceStateName.RUNNING),
                        instance("i-2", InstanceStateName.STOPPING)).build(),
                Reservation.builder().instances(instance("i-3", InstanceStateName.STOPPED)).build()).build();

        assertThat(InstanceStates.of(response)).containsExactly(
                entry("i-1", InstanceStateName.RUNNING),
                entry("i-2", InstanceStateName.STOPPING),
                entry("i-3", InstanceStateName.STOPPED));
    }
}
