package io.photobooth.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where a concept's model folder is. A folder name is a folder under {@code models-dir}; an
 * {@code s3://bucket/prefix} URI names the objects under {@code prefix/}, which are downloaded at
 * start-up to {@code <models-dir>/s3/<bucket>/<prefix>/} (DJL loads local folders only), replacing
 * the files of an earlier download.
 */
public final class ModelSource {

    static final String S3_SCHEME = "s3://";

    private static final Logger LOG = LoggerFactory.getLogger(ModelSource.class);

    private final Path modelsDir;
    private final Supplier<S3Client> s3;

    /** {@code s3} is asked for the client only when a model is in S3. */
    public ModelSource(Path modelsDir, Supplier<S3Client> s3) {
        this.modelsDir = modelsDir;
        this.s3 = s3;
    }

    /** The local folder of {@code model}, downloaded first when it is an S3 URI. */
    public Path folder(String model) {
        if (!model.startsWith(S3_SCHEME)) {
            return modelsDir.resolve(model);
        }
        String location = model.substring(S3_SCHEME.length());
        int slash = location.indexOf('/');
        String bucket = slash < 0 ? location : location.substring(0, slash);
        String prefix = slash < 0 ? "" : strip(location.substring(slash + 1));
        if (bucket.isEmpty() || prefix.isEmpty()) {
            throw new IllegalArgumentException("a model in S3 is s3://bucket/prefix, was " + model);
        }
        Path folder = localFolder(modelsDir, bucket, prefix);
        download(bucket, prefix, folder);
        return folder;
    }

    /** The cache folder of the objects under {@code prefix/} of {@code bucket}. */
    static Path localFolder(Path modelsDir, String bucket, String prefix) {
        Path root = modelsDir.resolve("s3").normalize();
        Path folder = root.resolve(bucket).resolve(prefix).normalize();
        if (!folder.startsWith(root.resolve(bucket))) {
            throw new IllegalArgumentException("the model prefix " + prefix + " leaves its cache folder");
        }
        return folder;
    }

    /** Where the object {@code key} under {@code prefix/} goes in {@code folder}; refuses keys that would leave it. */
    static Path localPath(Path folder, String prefix, String key) {
        String start = prefix + "/";
        if (!key.startsWith(start) || key.length() == start.length()) {
            throw new IllegalArgumentException("object " + key + " is not under " + start);
        }
        Path path = folder.resolve(key.substring(start.length())).normalize();
        if (!path.startsWith(folder) || path.equals(folder)) {
            throw new IllegalArgumentException("object " + key + " would be written outside " + folder);
        }
        return path;
    }

    private void download(String bucket, String prefix, Path folder) {
        S3Client client = s3.get();
        long start = System.nanoTime();
        int objects = 0;
        long bytes = 0;
        try {
            for (S3Object object : client.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix + "/"))
                    .contents()) {
                if (object.key().endsWith("/")) {
                    continue;
                }
                Path target = localPath(folder, prefix, object.key());
                Files.createDirectories(target.getParent());
                try (InputStream in = client.getObject(get -> get.bucket(bucket).key(object.key()))) {
                    bytes += Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                objects++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download s3://" + bucket + "/" + prefix + " to " + folder, e);
        }
        if (objects == 0) {
            throw new IllegalArgumentException("no model objects under s3://" + bucket + "/" + prefix + "/");
        }
        LOG.info("Downloaded {} objects ({} bytes) of s3://{}/{} to {} in {} ms", objects, bytes, bucket, prefix, folder,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static String strip(String prefix) {
        int from = 0;
        int to = prefix.length();
        while (from < to && prefix.charAt(from) == '/') {
            from++;
        }
        while (to > from && prefix.charAt(to - 1) == '/') {
            to--;
        }
        return prefix.substring(from, to);
    }
}
