package io.photobooth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class DeploySettingsTest {

    private static DeploySettings fromContext(Map<String, Object> context) {
        return DeploySettings.fromContext(new App(AppProps.builder().context(context).build()).getNode());
    }

    @Test
    void shouldTakeTheDefaultsWhereTheContextIsSilent() {
        DeploySettings settings = fromContext(Map.of(
                "kioskOrigins", "https://photos.example.com, https://kiosk.example.com",
                "generatorAmi", "ami-0123456789abcdef0",
                "settingsSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:photobooth-prod-AbCdEf"));
        assertThat(settings.env()).isEqualTo("prod");
        assertThat(settings.catalogue()).isEqualTo(Path.of("../application.yaml"));
        assertThat(settings.kioskOrigins()).containsExactly("https://photos.example.com", "https://kiosk.example.com");
        assertThat(settings.uploadsExpireDays()).isEqualTo(1);
        assertThat(settings.resultsExpireDays()).isEqualTo(7);
    }

    @Test
    void shouldRefuseToDeployWithoutTheGeneratorAmi() {
        assertThatThrownBy(() -> fromContext(Map.of(
                "kioskOrigins", "https://photos.example.com",
                "settingsSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:photobooth-prod-AbCdEf")))
                .hasMessageContaining("generatorAmi");
    }

    @Test
    void shouldKeepUploadsAtLeastADay() {
        assertThatThrownBy(() -> new DeploySettings("prod", Path.of("application.yaml"), List.of("https://a.example"),
                "ami-1", "arn:secret", 0, 7))
                .hasMessageContaining("at least a day");
    }
}
