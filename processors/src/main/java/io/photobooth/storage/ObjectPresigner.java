package io.photobooth.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Presigns one object at a time in the private bucket: a PUT with its content type pinned for a
 * shot's upload, a GET for a result. The URLs expire after the configured durations.
 */
public class ObjectPresigner {

    private final S3Presigner presigner;
    private final String bucket;
    private final Duration uploadExpiry;
    private final Duration resultExpiry;
    private final Clock clock;

    public ObjectPresigner(S3Presigner presigner, String bucket, Duration uploadExpiry, Duration resultExpiry,
            Clock clock) {
        this.presigner = presigner;
        this.bucket = bucket;
        this.uploadExpiry = uploadExpiry;
        this.resultExpiry = resultExpiry;
        this.clock = clock;
    }

    /** A PUT of one object whose Content-Type must be {@code contentType}. */
    public PresignedUrl upload(String key, String contentType) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(put -> put
                .signatureDuration(uploadExpiry)
                .putObjectRequest(PutObjectRequest.builder()
                        .bucket(bucket)
                        .key(key)
                        .contentType(contentType)
                        .build()));
        return new PresignedUrl(presigned.url().toString(), "PUT",
                Map.of("Content-Type", contentType), clock.instant().plus(uploadExpiry));
    }

    public PresignedUrl result(String key) {
        return get(GetObjectRequest.builder().bucket(bucket).key(key).build());
    }

    /**
     * A GET of a result that S3 answers as an attachment named {@code filename}, so that a browser
     * saves it: the HTML {@code download} attribute is ignored on a link to another origin.
     */
    public PresignedUrl resultDownload(String key, String filename) {
        return get(GetObjectRequest.builder().bucket(bucket).key(key)
                .responseContentDisposition("attachment; filename=\"" + filename + "\"").build());
    }

    private PresignedUrl get(GetObjectRequest request) {
        PresignedGetObjectRequest presigned = presigner.presignGetObject(get -> get
                .signatureDuration(resultExpiry)
                .getObjectRequest(request));
        return new PresignedUrl(presigned.url().toString(), "GET", Map.of(), clock.instant().plus(resultExpiry));
    }
}
