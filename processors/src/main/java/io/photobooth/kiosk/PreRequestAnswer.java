package io.photobooth.kiosk;

import java.util.List;

import io.photobooth.contract.ShotStatus;
import io.photobooth.fleet.GeneratorState;

/** The {@code 201} answer to a pre-request. */
public record PreRequestAnswer(
        String requestId,
        String concept,
        int shots,
        ShotStatus status,
        GeneratorState generator,
        String contentType,
        List<ShotUpload> uploads,
        String conversionUrl,
        String statusUrl) {
}
