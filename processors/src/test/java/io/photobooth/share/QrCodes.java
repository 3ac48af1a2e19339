package io.photobooth.share;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Reads a QR code back, as a phone's camera does (also used by the app's tests, through the test jar). */
public final class QrCodes {

    private QrCodes() {
    }

    /** The text of the QR code in a {@code data:image/png;base64,...} URL. */
    public static String decodeDataUrl(String dataUrl) {
        String base64 = dataUrl.substring(dataUrl.indexOf(',') + 1);
        try {
            return decode(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String decode(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code in the image", e);
        }
    }
}
