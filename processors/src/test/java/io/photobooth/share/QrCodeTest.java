package io.photobooth.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class QrCodeTest {

    @Test
    void shouldMakeAPngDataUrlThatReadsBackAsTheLink() throws Exception {
        String link = "https://photobooth.example.com/s/AQ-Pr1vZy0afoWVwhncolQ5nKqzvHIMXzGJn9r_0zeQ6";

        String dataUrl = QrCode.pngDataUrl(link, 8);

        assertThat(dataUrl).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length()))));
        assertThat(QrCodes.decode(image)).isEqualTo(link);
        assertThat(image.getWidth()).as("a small code: version 5 (37 modules) and the quiet zone, 8 px each")
                .isEqualTo((37 + 8) * 8);
        assertThat(image.getRGB(0, 0) & 0xFFFFFF).as("a white quiet zone").isEqualTo(0xFFFFFF);
    }
}
