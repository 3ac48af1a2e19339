package io.photobooth.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.photobooth.catalogue.PhotoboothProperties.Aws;
import io.photobooth.support.MotoServer;

import org.apache.camel.component.aws2.s3.AWS2S3Component;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A put through Camel's {@code aws2-s3} producer, as the routes write results and failure records,
 * reaches S3 (the moto server) with the encryption of {@code photobooth.aws}, also when other
 * customizers of the component, such as the starter's, run beside it. Moto records the KMS key id
 * it is given without checking that the key exists.
 */
class S3ServerSideEncryptionTest {

    private static final String BUCKET = "photobooth-sse";

    private final MotoServer moto = MotoServer.get();

    @BeforeEach
    void bucket() {
        moto.reset();
        moto.s3().createBucket(create -> create.bucket(BUCKET));
    }

    @Test
    void aPutIsEncryptedWithSseS3() throws Exception {
        HeadObjectResponse stored = putThroughCamel(new Aws(null, null, null, null, null, null, Aws.SSE_S3, null));

        assertThat(stored.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void aPutIsEncryptedWithTheConfiguredKmsKey() throws Exception {
        HeadObjectResponse stored = putThroughCamel(
                new Aws(null, null, null, null, null, null, Aws.SSE_KMS, Optional.of("alias/photobooth-results")));

        assertThat(stored.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(stored.ssekmsKeyId()).isEqualTo("alias/photobooth-results");
    }

    @Test
    void aPutAsksForNothingWhenNone() throws Exception {
        HeadObjectResponse stored = putThroughCamel(new Aws(null, null, null, null, null, null, Aws.SSE_NONE, null));

        assertThat(stored.serverSideEncryption()).isNull();
    }

    private HeadObjectResponse putThroughCamel(Aws aws) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("s3Client", moto.s3());
            camel.getRegistry().bind("s3ServerSideEncryption", AwsClientsConfiguration.serverSideEncryption(aws));
            // as the aws2-s3 starter's customizer does, copying the defaults of camel.component.aws2-s3.*
            for (String starter : List.of("starterDefaults1", "starterDefaults2", "starterDefaults3")) {
                camel.getRegistry().bind(starter, ComponentCustomizer.forType(AWS2S3Component.class, component -> {
                    component.getConfiguration().setUseSSES3(false);
                    component.getConfiguration().setUseAwsKMS(false);
                }));
            }
            camel.start();
            camel.createProducerTemplate().sendBodyAndHeaders("aws2-s3://" + BUCKET, "{\"status\":\"FAILED\"}".getBytes(),
                    Map.of(AWS2S3Constants.KEY, "results/prod/demo/r/1.failed.json",
                            AWS2S3Constants.CONTENT_TYPE, "application/json"));
        }
        return moto.s3().headObject(head -> head.bucket(BUCKET).key("results/prod/demo/r/1.failed.json"));
    }
}
