package io.photobooth.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * S3Proxy serving the S3 API on loopback, backed by files under {@code <data-dir>/s3}, with AWS
 * signature checks (so presigned URLs are enforced) and CORS rules for browser kiosks. {@link #stop}
 * and {@link #start} play an S3 outage: the port refuses connections meanwhile, and the objects
 * stay.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;

    public EmbeddedS3(Path dataDir, int port, String bucket, String accessKey, String secretKey,
            List<String> corsOrigins) {
        Path root = dataDir.resolve("s3");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", root.toAbsolutePath().toString());
        this.context = ContextBuilder.newBuilder("filesystem").overrides(overrides).build(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, bucket);
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .corsRules(new CrossOriginResourceSharing(corsOrigins, List.of("GET", "PUT", "HEAD"),
                        List.of("*"), List.of("ETag"), "false"))
                .build();
        try {
            start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops serving the API on the port (open connections are closed); the objects stay. */
    public synchronized void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }

    /** Serves the API on the same port again; a running server is left as it is. */
    public synchronized void start() {
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while S3Proxy started on port " + endpoint.getPort(), e);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on port " + endpoint.getPort(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            context.close();
        }
    }
}
