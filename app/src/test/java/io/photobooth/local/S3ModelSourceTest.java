package io.photobooth.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import ai.djl.Device;

import io.photobooth.filter.ImageFilter;
import io.photobooth.filter.InferenceOptions;
import io.photobooth.filter.ModelSource;
import io.photobooth.filter.PhotoDecoder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A concept's model from {@code s3://bucket/prefix}, against a real S3 API (S3Proxy on files, as in
 * the {@code local} profile): the repository's sketch model is uploaded under a prefix, downloaded
 * by {@link ModelSource} and loaded by DJL, and it converts a photo.
 */
class S3ModelSourceTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @TempDir
    Path temp;

    @Test
    void downloadsAModelFolderFromS3AndDjlRunsIt() throws IOException {
        int port = LocalPorts.freePort();
        try (EmbeddedS3 s3Server = new EmbeddedS3(temp.resolve("s3-data"), port, "models-bucket", "k", "s",
                List.of("*"));
                S3Client s3 = S3Client.builder()
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                        .endpointOverride(URI.create("http://127.0.0.1:" + port))
                        .forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .build()) {
            Path sketch = Path.of("../models/sketch");
            for (String file : List.of("sketch.pt", "serving.properties")) {
                s3.putObject(put -> put.bucket("models-bucket").key("filters/sketch/" + file),
                        RequestBody.fromFile(sketch.resolve(file)));
            }

            Path folder = new ModelSource(temp.resolve("models"), () -> s3).folder("s3://models-bucket/filters/sketch");

            assertThat(folder).isEqualTo(temp.resolve("models/s3/models-bucket/filters/sketch"));
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(path -> path.getFileName().toString()))
                        .containsExactlyInAnyOrder("sketch.pt", "serving.properties");
            }
            assertThat(Files.mismatch(folder.resolve("sketch.pt"), sketch.resolve("sketch.pt"))).isEqualTo(-1L);
            try (ImageFilter filter = ImageFilter.load(folder, new PhotoDecoder(1_000_000, 1_000_000),
                    new InferenceOptions(1, 1, Duration.ZERO, Device.cpu()))) {
                BufferedImage photo = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
                BufferedImage converted = filter.apply(photo);
                assertThat(converted.getWidth()).isEqualTo(32);
                assertThat(converted.getHeight()).isEqualTo(24);
            }
        }
    }
}
