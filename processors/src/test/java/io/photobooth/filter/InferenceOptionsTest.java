package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;

import ai.djl.Device;
import ai.djl.engine.Engine;

import io.photobooth.support.TestCatalogue;

import org.junit.jupiter.api.Test;

/** {@link InferenceOptions} from {@code photobooth.generator}, and the refusal of a GPU that is not there. */
class InferenceOptionsTest {

    static {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    @Test
    void shouldTakeTheGeneratorSettings() {
        InferenceOptions options = InferenceOptions.of(TestCatalogue.properties().generator());

        assertThat(options).isEqualTo(new InferenceOptions(2, 4, Duration.ofMillis(50), Device.cpu()));
    }

    @Test
    void shouldRefuseTheGpuWhenTheEngineSeesNone() {
        assumeTrue(Engine.getEngine(InferenceOptions.ENGINE).getGpuCount() == 0, "this machine has a GPU");

        assertThatThrownBy(() -> InferenceOptions.device("gpu"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("device is gpu")
                .hasMessageContaining("sees no GPU")
                .hasMessageContaining("pytorch-native-cpu");
    }

    @Test
    void shouldRefuseAnUnknownDevice() {
        assertThatThrownBy(() -> InferenceOptions.device("tpu")).isInstanceOf(IllegalArgumentException.class);
    }
}
