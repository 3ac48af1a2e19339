package io.photobooth.bench.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/** The drivers' upload: a deterministic 640x480 JPEG of 59 KB (a gradient with noise). */
public final class TestPhoto {

    private TestPhoto() {
    }

    public static byte[] jpeg() {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int noise = random.nextInt(24);
                int r = (x * 255 / image.getWidth() + noise) & 0xff;
                int g = (y * 255 / image.getHeight() + noise) & 0xff;
                int b = ((x + y) * 255 / (image.getWidth() + image.getHeight())) & 0xff;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
