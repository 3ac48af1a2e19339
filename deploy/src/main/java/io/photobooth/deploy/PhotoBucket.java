package io.photobooth.deploy;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The private bucket of uploads and results: no public access, encrypted at rest (SSE-S3) and
 * reachable over TLS only. Kiosks in a browser PUT uploads and GET results through presigned URLs
 * from their own origins (the CORS rule, as S3Proxy's in the local profile); uploads and results
 * expire by lifecycle rules, which is why the {@code aws} profile removes no expired uploads itself.
 */
public class PhotoBucket extends Construct {

    static final String UPLOADS = "uploads/";
    static final String RESULTS = "results/";

    private final Bucket bucket;

    public PhotoBucket(Construct scope, String id, DeploySettings settings) {
        super(scope, id);
        bucket = Bucket.Builder.create(this, "Bucket")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .removalPolicy(RemovalPolicy.RETAIN)
                .cors(List.of(CorsRule.builder()
                        .allowedOrigins(settings.kioskOrigins())
                        .allowedMethods(List.of(HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD))
                        .allowedHeaders(List.of("*"))
                        .exposedHeaders(List.of("ETag"))
                        .maxAge(3000)
                        .build()))
                .lifecycleRules(List.of(
                        expiring("uploads", UPLOADS, settings.uploadsExpireDays()),
                        expiring("results", RESULTS, settings.resultsExpireDays())))
                .build();
    }

    private static LifecycleRule expiring(String id, String prefix, int days) {
        return LifecycleRule.builder()
                .id(id)
                .prefix(prefix)
                .expiration(Duration.days(days))
                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                .build();
    }

    public Bucket bucket() {
        return bucket;
    }

    /** The ARN of the objects under {@code prefix} (ending in "/"). */
    public String objectsArn(String prefix) {
        return bucket.arnForObjects(prefix + "*");
    }
}
