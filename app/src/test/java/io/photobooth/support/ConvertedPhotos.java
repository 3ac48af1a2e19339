package io.photobooth.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import io.photobooth.support.KioskClient.Answer;

import com.fasterxml.jackson.databind.JsonNode;

/** What every end-to-end test asserts of a main request's answer, in whichever profile it runs. */
public final class ConvertedPhotos {

    private ConvertedPhotos() {
    }

    /**
     * The answer is {@code 200 DONE} with one result per photo, in shot order, and each result URL
     * downloads a decodable image of its photo's size whose pixels the filter changed.
     */
    public static void assertConverted(KioskClient kiosk, Answer done, byte[][] photos) {
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("status").asText()).isEqualTo("DONE");
        var results = KioskClient.list(done.json().get("results"));
        assertThat(results).hasSize(photos.length);
        for (int i = 0; i < photos.length; i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("shot").asInt()).isEqualTo(i + 1);
            Answer download = kiosk.download(result.get("url").asText());
            assertThat(download.status()).isEqualTo(200);
            BufferedImage input = TestPhotos.decode(photos[i]);
            BufferedImage output = TestPhotos.decode(download.body());
            assertThat(output).as("a decodable image").isNotNull();
            assertThat(output.getWidth()).isEqualTo(input.getWidth());
            assertThat(output.getHeight()).isEqualTo(input.getHeight());
            assertThat(TestPhotos.meanDifference(input, output)).as("converted pixels").isGreaterThan(20);
        }
    }
}
