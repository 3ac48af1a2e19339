package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import javax.imageio.ImageIO;

import io.photobooth.support.PoisonPhotos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PhotoDecoder} on photos built here: refusals with their reasons, and EXIF orientations. */
class PhotoDecoderTest {

    private static final long MAX_BYTES = 15_728_640;
    private static final long MAX_PIXELS = 24_000_000;

    private final PhotoDecoder decoder = new PhotoDecoder(MAX_BYTES, MAX_PIXELS);

    /** 40x20: the top-left quadrant red, the top-right green, the bottom half blue. */
    static BufferedImage quadrants() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.BLUE);
        graphics.fillRect(0, 0, 40, 20);
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, 20, 10);
        graphics.setColor(Color.GREEN);
        graphics.fillRect(20, 0, 20, 10);
        graphics.dispose();
        return image;
    }

    /** Pixels a JPEG cannot compress much, so that cutting it in half cuts into the scan. */
    static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).as("a writer for " + format).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment right after SOI: IFD0 with the one orientation entry. */
    static byte[] withExif(byte[] jpeg, int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? "II".getBytes(StandardCharsets.US_ASCII)
                : "MM".getBytes(StandardCharsets.US_ASCII));
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        return withApp1(jpeg, tiff.array());
    }

    /** The JPEG with an APP1 segment of {@code Exif\0\0} and the given TIFF bytes right after SOI. */
    static byte[] withApp1(byte[] jpeg, byte[] tiff) {
        byte[] header = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + header.length + tiff.length;
        ByteBuffer spliced = ByteBuffer.allocate(jpeg.length + 2 + length);
        spliced.put(jpeg, 0, 2);
        spliced.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(header).put(tiff);
        spliced.put(jpeg, 2, jpeg.length - 2);
        return spliced.array();
    }

    /** The reason of the refusal, which the kiosk shows: no exception names, no stack trace. */
    private String refusal(PhotoDecoder decoder, byte[] photo) {
        Throwable thrown = catchThrowable(() -> decoder.decode(photo));
        assertThat(thrown).isInstanceOf(UnusablePhotoException.class);
        assertThat(thrown.getMessage()).doesNotContain("Exception", "java.", "javax.", "\tat ");
        return thrown.getMessage();
    }

    private String refusal(byte[] photo) {
        return refusal(decoder, photo);
    }

    /** The colour of the middle of a quadrant: red, green, blue, or other. */
    private static String colourAt(BufferedImage image, int quarterX, int quarterY) {
        int rgb = image.getRGB(image.getWidth() * quarterX / 4, image.getHeight() * quarterY / 4);
        int red = rgb >> 16 & 0xFF;
        int green = rgb >> 8 & 0xFF;
        int blue = rgb & 0xFF;
        if (red > 200 && green < 60 && blue < 60) {
            return "red";
        }
        if (green > 200 && red < 60 && blue < 60) {
            return "green";
        }
        if (blue > 200 && red < 60 && green < 60) {
            return "blue";
        }
        return "other";
    }

    private static List<String> corners(BufferedImage image) {
        return List.of(colourAt(image, 1, 1), colourAt(image, 3, 1), colourAt(image, 1, 3), colourAt(image, 3, 3));
    }

    @Test
    void shouldDecodeJpegIntoRgbImageOfSameSize() {
        BufferedImage image = decoder.decode(encode(quadrants(), "jpeg"));

        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(20);
        assertThat(corners(image)).containsExactly("red", "green", "blue", "blue");
    }

    @Test
    void shouldLayTransparentPngPixelsOnWhite() {
        BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFF_FF0000);
        image.setRGB(1, 0, 0x80_FF0000);

        BufferedImage decoded = decoder.decode(encode(image, "png"));

        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(decoded.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(decoded.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF7F7F);
        assertThat(decoded.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, 40, 20, red,   green, blue,  blue",
        "2, 40, 20, green, red,   blue,  blue",
        "3, 40, 20, blue,  blue,  green, red",
        "4, 40, 20, blue,  blue,  red,   green",
        "5, 20, 40, red,   blue,  green, blue",
        "6, 20, 40, blue,  red,   blue,  green",
        "7, 20, 40, blue,  green, blue,  red",
        "8, 20, 40, green, blue,  red,   blue",
    })
    void shouldTurnPhotoUprightByItsExifOrientation(int orientation, int width, int height, String topLeft,
            String topRight, String bottomLeft, String bottomRight) {
        byte[] jpeg = encode(quadrants(), "jpeg");
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            BufferedImage image = decoder.decode(withExif(jpeg, orientation, order));

            assertThat(image.getWidth()).as("width, " + order).isEqualTo(width);
            assertThat(image.getHeight()).as("height, " + order).isEqualTo(height);
            assertThat(corners(image)).as("corners, " + order)
                    .containsExactly(topLeft, topRight, bottomLeft, bottomRight);
        }
    }

    @Test
    void shouldIgnoreOrientationOutsideOneToEight() {
        byte[] jpeg = encode(quadrants(), "jpeg");

        for (int orientation : new int[] {0, 9, 0xFFFF}) {
            BufferedImage image = decoder.decode(withExif(jpeg, orientation, ByteOrder.BIG_ENDIAN));

            assertThat(corners(image)).as("orientation " + orientation)
                    .containsExactly("red", "green", "blue", "blue");
        }
    }

    @Test
    void shouldIgnoreMalformedExif() {
        byte[] jpeg = encode(quadrants(), "jpeg");
        byte[] orientedSix = Arrays.copyOfRange(withExif(jpeg, 6, ByteOrder.LITTLE_ENDIAN), 12, 38);
        byte[] ifdPastEnd = orientedSix.clone();
        ByteBuffer.wrap(ifdPastEnd).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0x7FFF_FFF0);
        byte[] ifdFarPastEnd = orientedSix.clone();
        ByteBuffer.wrap(ifdFarPastEnd).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0xFFFF_FFF0);
        byte[] entriesPastEnd = orientedSix.clone();
        ByteBuffer.wrap(entriesPastEnd).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 0xFFFF)
                .putShort(10, (short) 0x0110);
        List<byte[]> malformed = List.of(ifdPastEnd, ifdFarPastEnd, entriesPastEnd,
                Arrays.copyOf(orientedSix, 20), Arrays.copyOf(orientedSix, 4), new byte[0],
                "XX*\0\0\0\0\10".getBytes(StandardCharsets.US_ASCII));

        for (byte[] tiff : malformed) {
            BufferedImage image = decoder.decode(withApp1(jpeg, tiff));

            assertThat(image.getWidth()).as(Arrays.toString(tiff)).isEqualTo(40);
            assertThat(corners(image)).as(Arrays.toString(tiff)).containsExactly("red", "green", "blue", "blue");
        }
    }

    @Test
    void shouldReadOrientationOnlyFromAnExifSegment() {
        byte[] jpeg = encode(quadrants(), "jpeg");
        byte[] oriented = withExif(jpeg, 6, ByteOrder.BIG_ENDIAN);
        byte[] notExif = oriented.clone();
        notExif[6] = 'X';

        assertThat(ExifOrientation.read(oriented)).isEqualTo(6);
        assertThat(ExifOrientation.read(notExif)).isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.read(jpeg)).isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.read(Arrays.copyOf(oriented, 30))).as("segment past the end")
                .isEqualTo(ExifOrientation.UPRIGHT);
    }

    @Test
    void shouldRefuseEmptyUpload() {
        assertThat(refusal(new byte[0])).isEqualTo("the upload is empty");
        assertThat(refusal(null)).isEqualTo("the upload is empty");
    }

    @Test
    void shouldRefuseUploadOverByteLimitBeforeParsingIt() {
        byte[] jpeg = encode(quadrants(), "jpeg");
        PhotoDecoder small = new PhotoDecoder(jpeg.length - 1, MAX_PIXELS);

        assertThat(refusal(small, jpeg)).isEqualTo(String.format(Locale.ROOT,
                "the upload has %,d bytes, more than the %,d bytes allowed", jpeg.length, jpeg.length - 1));
        assertThat(refusal(small, new byte[jpeg.length])).startsWith("the upload has");
        assertThat(new PhotoDecoder(jpeg.length, MAX_PIXELS).decode(jpeg).getWidth()).isEqualTo(40);
    }

    @Test
    void shouldNameOtherFormatsByTheirFirstBytes() {
        assertThat(refusal(encode(quadrants(), "gif"))).isEqualTo(otherFormat("a GIF image"));
        assertThat(refusal(ascii("RIFF\0\0\0\0WEBPVP8 "))).isEqualTo(otherFormat("a WebP image"));
        assertThat(refusal(ascii("\0\0\0\30ftypheic\0\0\0\0"))).isEqualTo(otherFormat("a HEIC image"));
        assertThat(refusal(ascii("\0\0\0\30ftypavif\0\0\0\0"))).isEqualTo(otherFormat("an AVIF image"));
        assertThat(refusal(ascii("%PDF-1.7\n"))).isEqualTo(otherFormat("a PDF document"));
        assertThat(refusal(encode(quadrants(), "tiff"))).isEqualTo(otherFormat("a TIFF image"));
    }

    private static String otherFormat(String format) {
        return "the upload is " + format + ", not a JPEG or PNG image";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldRefuseBytesOfNoKnownFormat() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        random[0] = 0x42;

        assertThat(refusal(random)).isEqualTo("the upload is not a decodable JPEG or PNG image");
        assertThat(refusal(ascii("\0\0\0\30ftypisom\0\0\0\0")))
                .isEqualTo("the upload is not a decodable JPEG or PNG image");
        assertThat(refusal("these bytes are no photo".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("the upload is not a decodable JPEG or PNG image");
    }

    @Test
    void shouldRefuseDecompressionBombFromItsHeaderQuicklyAndInLittleMemory() {
        byte[] bomb = PoisonPhotos.pngDeclaring(50_000, 50_000);
        assertThat(bomb).hasSizeLessThan(100);

        long start = System.nanoTime();
        String reason = refusal(bomb);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.printf("50000x50000 PNG bomb (%d bytes) refused in %.1f ms%n", bomb.length,
                took.toNanos() / 1e6);
        assertThat(reason)
                .isEqualTo("the photo is 50000x50000, 2,500,000,000 pixels, more than the 24,000,000 pixels allowed");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseJpegDeclaringTooManyPixels() {
        byte[] jpeg = encode(quadrants(), "jpeg");
        int frame = startOfFrame(jpeg);
        ByteBuffer.wrap(jpeg).putShort(frame + 5, (short) 60_000).putShort(frame + 7, (short) 60_000);

        assertThat(refusal(jpeg))
                .isEqualTo("the photo is 60000x60000, 3,600,000,000 pixels, more than the 24,000,000 pixels allowed");
    }

    /** The offset of the SOF0 marker of a baseline JPEG. */
    private static int startOfFrame(byte[] jpeg) {
        for (int i = 2; i < jpeg.length - 1; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i;
            }
        }
        throw new AssertionError("no SOF0 marker");
    }

    @Test
    void shouldRefusePhotoOneMorePixelThanAllowed() {
        PhotoDecoder limited = new PhotoDecoder(MAX_BYTES, 40 * 20 - 1);

        byte[] png = encode(quadrants(), "png");

        assertThat(refusal(limited, png)).isEqualTo("the photo is 40x20, 800 pixels, more than the 799 pixels allowed");
        assertThat(new PhotoDecoder(MAX_BYTES, 40 * 20).decode(png).getWidth()).isEqualTo(40);
    }

    @Test
    void shouldRefusePhotoDeclaringNoPixels() {
        assertThat(refusal(PoisonPhotos.pngDeclaring(0, 10))).startsWith("the photo is truncated or corrupt");
        assertThat(refusal(PoisonPhotos.pngDeclaring(10, -1))).startsWith("the photo is truncated or corrupt");
    }

    @Test
    void shouldRefuseTruncatedJpegThatImageIoWouldDecodeWithWarnings() {
        byte[] jpeg = encode(noise(160, 120), "jpeg");

        assertThat(refusal(Arrays.copyOf(jpeg, jpeg.length / 2)))
                .isEqualTo("the photo is truncated or corrupt (Truncated File - Missing EOI marker)");
        assertThat(refusal(Arrays.copyOf(jpeg, jpeg.length - 2))).startsWith("the photo is truncated or corrupt");
    }

    @Test
    void shouldRefuseAJpegOfThousandsOfScansBeforeDecodingIt() {
        byte[] jpeg = encode(noise(160, 120), "jpeg");
        byte[] emptyScan = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0};
        ByteBuffer bomb = ByteBuffer.allocate(jpeg.length + 1000 * emptyScan.length);
        bomb.put(jpeg, 0, jpeg.length - 2);
        for (int scan = 0; scan < 1000; scan++) {
            bomb.put(emptyScan);
        }
        bomb.put((byte) 0xFF).put((byte) 0xD9);

        assertThat(refusal(bomb.array())).isEqualTo("the photo is corrupt: it has more than 100 scans");
        assertThat(decoder.decode(jpeg).getWidth()).as("one scan").isEqualTo(160);
    }

    @Test
    void shouldAcceptAJpegWithExtraneousBytesBeforeAMarkerAsCamerasWriteThem() {
        byte[] jpeg = encode(noise(160, 120), "jpeg");
        int frame = startOfFrame(jpeg);
        ByteBuffer padded = ByteBuffer.allocate(jpeg.length + 3);
        padded.put(jpeg, 0, frame).put(new byte[] {1, 2, 3}).put(jpeg, frame, jpeg.length - frame);

        assertThat(decoder.decode(padded.array()).getWidth()).isEqualTo(160);
    }

    @Test
    void shouldRefuseAStoredSizeOverTheLimitBeforeReadingIt() {
        assertThat(catchThrowable(() -> decoder.requireAllowedBytes(3_000_000_000L)))
                .isInstanceOf(UnusablePhotoException.class)
                .hasMessage("the upload has 3,000,000,000 bytes, more than the 15,728,640 bytes allowed");
        decoder.requireAllowedBytes(MAX_BYTES);
    }

    @Test
    void shouldRefuseJpegCutInItsHeader() {
        byte[] jpeg = encode(noise(160, 120), "jpeg");

        assertThat(refusal(Arrays.copyOf(jpeg, 20))).startsWith("the photo is truncated or corrupt");
        assertThat(refusal(Arrays.copyOf(jpeg, 300))).startsWith("the photo is truncated or corrupt");
    }

    @Test
    void shouldRefuseTruncatedPng() {
        byte[] png = encode(noise(160, 120), "png");

        assertThat(refusal(Arrays.copyOf(png, png.length / 2)))
                .isEqualTo("the photo is truncated or corrupt and cannot be decoded");
        assertThat(refusal(Arrays.copyOf(png, 20)))
                .isEqualTo("the photo is truncated or corrupt: its header cannot be read");
    }

    @Test
    void shouldRefuseGarbageBehindAJpegSignature() {
        Random random = new Random(3);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[2048];
            random.nextBytes(garbage);
            garbage[0] = (byte) 0xFF;
            garbage[1] = (byte) 0xD8;
            garbage[2] = (byte) 0xFF;

            assertThat(refusal(garbage)).startsWith("the photo is truncated or corrupt");
        }
    }

    @Test
    void shouldRefuseLimitsBelowOne() {
        assertThatThrownBy(() -> new PhotoDecoder(0, MAX_PIXELS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PhotoDecoder(MAX_BYTES, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
