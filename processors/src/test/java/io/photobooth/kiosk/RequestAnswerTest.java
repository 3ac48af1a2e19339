package io.photobooth.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.photobooth.contract.ShotStatus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RequestAnswerTest {

    private static RequestAnswer withStatus(ShotStatus status) {
        return new RequestAnswer("id", "sketch", 1, "image/jpeg", status, null, null, 120, null, false, null, null,
                "/api/v1/requests/id");
    }

    @ParameterizedTest
    @EnumSource(value = ShotStatus.class, names = {"DONE", "FAILED", "EXPIRED"})
    void shouldBeFinishedInFinalStatus(ShotStatus status) {
        assertThat(withStatus(status).finished()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = ShotStatus.class, names = {"PRE_REQUESTED", "UPLOADED", "QUEUED"})
    void shouldNotBeFinishedWhileInProgress(ShotStatus status) {
        assertThat(withStatus(status).finished()).isFalse();
    }
}
