package io.photobooth.support;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Photos made by the tests: a face-like drawing on a gradient, as JPEG. */
public final class TestPhotos {

    private TestPhotos() {
    }

    public static byte[] portrait(int width, int height, Color shirt) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(210, 190, 160), width, height, new Color(120, 140, 170)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(230, 190, 160));
        g.fillOval(width / 3, height / 6, width / 3, height / 2);
        g.setColor(new Color(60, 40, 30));
        g.setStroke(new BasicStroke(3));
        g.drawOval(width / 3, height / 6, width / 3, height / 2);
        g.setColor(shirt);
        g.fillRect(width / 4, height * 3 / 4, width / 2, height / 4);
        g.dispose();
        return jpeg(image);
    }

    public static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mean absolute difference per channel between two images of the same size, 0..255. */
    public static double meanDifference(BufferedImage a, BufferedImage b) {
        long total = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                total += Math.abs((p >> 16 & 0xff) - (q >> 16 & 0xff))
                        + Math.abs((p >> 8 & 0xff) - (q >> 8 & 0xff))
                        + Math.abs((p & 0xff) - (q & 0xff));
            }
        }
        return total / (3.0 * a.getWidth() * a.getHeight());
    }
}
