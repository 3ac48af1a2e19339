package io.photobooth.kiosk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.photobooth.contract.ObjectKeys;
import io.photobooth.contract.PhotoFormat;
import io.photobooth.storage.StoredObjects;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Checks the objects listed under the request's upload prefix: every shot must have been uploaded
 * (and be non-empty) before the request can be converted, else {@link ProblemType#UPLOADS_MISSING}
 * naming the missing shots.
 */
public class UploadVerifier implements Processor {

    private final String env;

    public UploadVerifier(String env) {
        this.env = env;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<S3Object> objects = in.getBody(List.class);
        KioskRequest request = KioskRequest.of(in);
        Set<String> uploaded = objects.stream()
                .filter(StoredObjects::hasContent)
                .map(S3Object::key)
                .collect(Collectors.toSet());
        List<Integer> missing = IntStream.rangeClosed(1, request.shots())
                .filter(shot -> !uploaded.contains(request.uploadKey(env, shot)))
                .boxed()
                .toList();
        if (!missing.isEmpty()) {
            throw new ApiProblem(ProblemType.UPLOADS_MISSING,
                    "Upload every shot through its presigned URL before asking for the conversion; missing: "
                            + missing + ".",
                    Map.of("missingShots", missing));
        }
    }

    /** The S3 prefix under which the request's uploads lie, for listing them. */
    public String prefixOf(@Header(KioskHeaders.VENDOR) String vendor, @Header(KioskHeaders.REQUEST_ID) String requestId) {
        return prefix(env, vendor, requestId);
    }

    public static String prefix(String env, String vendor, String requestId) {
        String firstKey = ObjectKeys.upload(env, vendor, requestId, 1, PhotoFormat.JPEG);
        return firstKey.substring(0, firstKey.lastIndexOf('/') + 1);
    }
}
