package io.photobooth.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LocalPortsTest {

    @Test
    void shouldGiveEachPortOfZeroAFreePortAndLeaveTheOthers() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("photobooth.local.redis-port", "0")
                .withProperty("photobooth.local.sqs-port", "9324");

        new LocalPorts().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("photobooth.local.redis-port", Integer.class)).isPositive();
        assertThat(environment.getProperty("photobooth.local.sqs-port")).isEqualTo("9324");
    }

    @Test
    void shouldRefuseAPortOfZeroInAProcessThatUsesTheServersOfAnother() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("photobooth.local.embedded-servers", "false")
                .withProperty("photobooth.local.postgres-port", "0");

        assertThatThrownBy(() -> new LocalPorts().postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("photobooth.local.postgres-port");
    }
}
