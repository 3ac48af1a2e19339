package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** {@link ModelSettings} read from serving.properties keys. */
class ModelSettingsTest {

    private static ModelSettings read(Map<String, String> properties) {
        return ModelSettings.read(properties::get);
    }

    @Test
    void shouldKeepTheSketchModelAtThePhotoSizeWithoutNormalisation() throws Exception {
        Properties serving = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("../models/sketch/serving.properties"))) {
            serving.load(reader);
        }

        ModelSettings settings = ModelSettings.read(serving::getProperty);

        assertThat(settings.resizes()).isFalse();
        assertThat(settings.normalises()).isFalse();
        assertThat(settings.symmetricOutput()).isFalse();
        assertThat(settings.inputSize(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB)))
                .isEqualTo(new Dimension(64, 48));
    }

    @Test
    void shouldReadSizeNormalisationAndOutputRange() {
        ModelSettings settings = read(Map.of("width", "512", "height", " 256", "mean", "0.485, 0.456,0.406",
                "std", "0.229,0.224,0.225", "output.range", "-1, 1"));

        assertThat(settings.resizes()).isTrue();
        assertThat(settings.inputSize(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB)))
                .isEqualTo(new Dimension(512, 256));
        assertThat(settings.mean()).containsExactly(0.485f, 0.456f, 0.406f);
        assertThat(settings.std()).containsExactly(0.229f, 0.224f, 0.225f);
        assertThat(settings.normalises()).isTrue();
        assertThat(settings.symmetricOutput()).isTrue();
    }

    @Test
    void shouldFitPhotosInsideTheInputSizeKeepingTheirAspectRatio() {
        ModelSettings settings = read(Map.of("width", "512", "height", "512"));

        assertThat(settings.fittedSize(4000, 3000)).isEqualTo(new Dimension(512, 384));
        assertThat(settings.fittedSize(3000, 4000)).isEqualTo(new Dimension(384, 512));
        assertThat(settings.fittedSize(100, 100)).isEqualTo(new Dimension(512, 512));
        assertThat(settings.fittedSize(10000, 1)).isEqualTo(new Dimension(512, 1));
    }

    @Test
    void shouldRefuseIncompleteOrInvalidSettings() {
        assertThatThrownBy(() -> read(Map.of("width", "512"))).hasMessageContaining("width and height");
        assertThatThrownBy(() -> read(Map.of("width", "0", "height", "512"))).hasMessageContaining("width");
        assertThatThrownBy(() -> read(Map.of("width", "wide", "height", "512"))).hasMessageContaining("width");
        assertThatThrownBy(() -> read(Map.of("mean", "0.5,0.5"))).hasMessageContaining("mean");
        assertThatThrownBy(() -> read(Map.of("std", "0.5,0,0.5"))).hasMessageContaining("std");
        assertThatThrownBy(() -> read(Map.of("output.range", "0,255"))).hasMessageContaining("output.range");
    }
}
