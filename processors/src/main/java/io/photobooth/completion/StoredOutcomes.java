package io.photobooth.completion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.ShotStatus;
import io.photobooth.kiosk.KioskHeaders;
import io.photobooth.storage.StoredObjects;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Reads the objects listed under a request's result prefix into one {@link StoredOutcome} per shot
 * that a generator finished: {@code DONE} when the shot's non-empty result exists, else
 * {@code FAILED} when its failure record exists. Shots with neither are left out: their job is
 * still queued or converting.
 */
public class StoredOutcomes implements Processor {

    private final String env;

    public StoredOutcomes(String env) {
        this.env = env;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<S3Object> objects = in.getBody(List.class);
        String vendor = in.getHeader(KioskHeaders.VENDOR, String.class);
        String requestId = in.getHeader(KioskHeaders.REQUEST_ID, String.class);
        int shots = in.getHeader(KioskHeaders.SHOTS, Integer.class);
        Map<String, S3Object> stored = objects.stream()
                .filter(StoredObjects::hasContent)
                .collect(Collectors.toMap(S3Object::key, Function.identity()));
        in.setBody(IntStream.rangeClosed(1, shots)
                .mapToObj(shot -> outcome(stored, ObjectKeys.result(env, vendor, requestId, shot), shot, ShotStatus.DONE)
                        .or(() -> outcome(stored, ObjectKeys.failure(env, vendor, requestId, shot), shot,
                                ShotStatus.FAILED)))
                .flatMap(Optional::stream)
                .toList());
    }

    private static Optional<StoredOutcome> outcome(Map<String, S3Object> stored, String key, int shot,
            ShotStatus status) {
        return Optional.ofNullable(stored.get(key))
                .map(object -> new StoredOutcome(shot, status, key, object.lastModified()));
    }

    /** The S3 prefix under which the request's results and failure records lie, for listing them. */
    public String prefixOf(@Header(KioskHeaders.VENDOR) String vendor,
            @Header(KioskHeaders.REQUEST_ID) String requestId) {
        return ObjectKeys.resultPrefix(env, vendor, requestId);
    }
}
