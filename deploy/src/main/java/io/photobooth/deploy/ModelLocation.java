package io.photobooth.deploy;

import java.util.Optional;

/**
 * A concept's model in S3 ({@code s3://bucket/prefix}, as the generator's {@code ModelSource} reads
 * it: every object under {@code prefix/}); a folder under {@code models-dir} is none.
 */
public record ModelLocation(String bucket, String prefix) {

    private static final String S3 = "s3://";

    public static Optional<ModelLocation> of(String model) {
        if (!model.startsWith(S3)) {
            return Optional.empty();
        }
        String location = model.substring(S3.length());
        int slash = location.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("a model in S3 is s3://bucket/prefix, was " + model);
        }
        String prefix = location.substring(slash + 1).replaceAll("^/+|/+$", "");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a model in S3 is s3://bucket/prefix, was " + model);
        }
        return Optional.of(new ModelLocation(location.substring(0, slash), prefix));
    }

    public String bucketArn(String partition) {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    public String objectsArn(String partition) {
        return bucketArn(partition) + "/" + prefix + "/*";
    }
}
