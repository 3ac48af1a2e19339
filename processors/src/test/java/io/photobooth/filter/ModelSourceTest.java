package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ModelSource}: the key to path mapping, and a download through the S3 API from an
 * in-memory bucket (listing in pages of two keys), not from an S3 server.
 */
class ModelSourceTest {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    @TempDir
    Path modelsDir;

    /** One bucket's objects; lists two keys a page, as S3 lists at most 1000. */
    static final class InMemoryBucket implements S3Client {

        final Map<String, byte[]> objects = new TreeMap<>();
        final List<String> listed = new ArrayList<>();

        @Override
        public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
            listed.add(request.bucket() + ":" + request.prefix());
            List<String> keys = objects.keySet().stream().filter(key -> key.startsWith(request.prefix())).toList();
            int from = request.continuationToken() == null ? 0 : Integer.parseInt(request.continuationToken());
            int to = Math.min(from + 2, keys.size());
            return ListObjectsV2Response.builder()
                    .contents(keys.subList(from, to).stream()
                            .map(key -> S3Object.builder().key(key).size((long) objects.get(key).length).build())
                            .toList())
                    .isTruncated(to < keys.size())
                    .nextContinuationToken(to < keys.size() ? Integer.toString(to) : null)
                    .build();
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
            byte[] content = objects.get(request.key());
            if (content == null) {
                throw NoSuchKeyException.builder().message(request.key()).build();
            }
            return new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) content.length).build(),
                    AbortableInputStream.create(new ByteArrayInputStream(content)));
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldMapKeysUnderThePrefixToFilesInTheFolder() {
        Path folder = ModelSource.localFolder(modelsDir, "bucket", "filters/sketch");

        assertThat(folder).isEqualTo(modelsDir.resolve("s3/bucket/filters/sketch"));
        assertThat(ModelSource.localPath(folder, "filters/sketch", "filters/sketch/sketch.pt"))
                .isEqualTo(folder.resolve("sketch.pt"));
        assertThat(ModelSource.localPath(folder, "filters/sketch", "filters/sketch/reference/input.f32"))
                .isEqualTo(folder.resolve("reference").resolve("input.f32"));
    }

    @Test
    void shouldRefuseKeysAndPrefixesThatLeaveTheFolder() {
        Path folder = ModelSource.localFolder(modelsDir, "bucket", "filters/sketch");

        assertThatThrownBy(() -> ModelSource.localPath(folder, "filters/sketch", "filters/sketch/../../escape"))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> ModelSource.localPath(folder, "filters/sketch", "filters/sketch2/sketch.pt"))
                .hasMessageContaining("not under");
        assertThatThrownBy(() -> ModelSource.localFolder(modelsDir, "bucket", "../other")).hasMessageContaining("leaves");
    }

    @Test
    void shouldResolveAFolderNameUnderTheModelsFolderWithoutS3() {
        ModelSource source = new ModelSource(modelsDir, () -> {
            throw new AssertionError("no S3 for a local model");
        });

        assertThat(source.folder("sketch")).isEqualTo(modelsDir.resolve("sketch"));
    }

    @Test
    void shouldDownloadTheObjectsOfThePrefixAndLoadTheModelFromThem() throws Exception {
        InMemoryBucket bucket = new InMemoryBucket();
        Path sketch = Path.of("../models/sketch");
        bucket.objects.put("filters/sketch/", new byte[0]);
        bucket.objects.put("filters/sketch/sketch.pt", Files.readAllBytes(sketch.resolve("sketch.pt")));
        bucket.objects.put("filters/sketch/serving.properties", Files.readAllBytes(sketch.resolve("serving.properties")));
        bucket.objects.put("filters/sketch/reference/input-1x3x24x32.f32",
                Files.readAllBytes(sketch.resolve("reference/input-1x3x24x32.f32")));
        bucket.objects.put("filters/sketch2/sketch.pt", new byte[] {1});
        Files.createDirectories(modelsDir.resolve("s3/models/filters/sketch"));
        Files.writeString(modelsDir.resolve("s3/models/filters/sketch/serving.properties"), "an earlier download");

        Path folder = new ModelSource(modelsDir, () -> bucket).folder("s3://models/filters/sketch/");

        assertThat(bucket.listed).as("two pages of two keys").containsExactly(
                "models:filters/sketch/", "models:filters/sketch/");
        assertThat(folder).isEqualTo(modelsDir.resolve("s3/models/filters/sketch"));
        assertThat(folder.resolve("sketch.pt")).hasSameBinaryContentAs(sketch.resolve("sketch.pt"));
        assertThat(folder.resolve("serving.properties")).hasSameBinaryContentAs(sketch.resolve("serving.properties"));
        assertThat(folder.resolve("reference/input-1x3x24x32.f32")).exists();
        assertThat(modelsDir.resolve("s3/models/filters/sketch2")).doesNotExist();
        try (ImageFilter filter = ImageFilter.load(folder, ImageFilterTest.DECODER, ImageFilterTest.SINGLE)) {
            assertThat(filter.name()).isEqualTo("sketch");
            assertThat(filter.apply(ImageFilterTest.testJpeg())).startsWith((byte) 0xFF, (byte) 0xD8);
        }
    }

    @Test
    void shouldRefuseAnEmptyPrefixOrAnIncompleteUri() {
        ModelSource source = new ModelSource(modelsDir, InMemoryBucket::new);

        assertThatThrownBy(() -> source.folder("s3://models/nothing")).hasMessageContaining("no model objects");
        assertThatThrownBy(() -> source.folder("s3://models")).hasMessageContaining("s3://bucket/prefix");
        assertThatThrownBy(() -> source.folder("s3:///sketch")).hasMessageContaining("s3://bucket/prefix");
    }
}
