package io.photobooth.filter;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an uploaded JPEG or PNG into an upright RGB image, transparent pixels on white. A photo
 * that cannot be converted is refused with {@link UnusablePhotoException} and a reason the kiosk can
 * show: empty, too large, another format, more pixels than allowed or a side longer than a JPEG's
 * (read from the header, before any pixel is decoded), truncated or corrupt.
 */
public final class PhotoDecoder {

    static final String NOT_JPEG_OR_PNG = "the upload is not a decodable JPEG or PNG image";

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int WHITE = 0xFF;
    /**
     * The reader's warnings that mean missing or damaged pixels (libjpeg's "Premature end of JPEG
     * file", "Corrupt JPEG data", "Inconsistent progression sequence", ImageIO's "Truncated File").
     * Others, such as an invalid colour profile or "Corrupt JPEG data: N extraneous bytes before
     * marker", which cameras produce on good photos, are let pass.
     */
    private static final Pattern DAMAGE = Pattern.compile(
            "truncat|premature end|progression|corrupt (?!jpeg data: \\d+ extraneous bytes)", Pattern.CASE_INSENSITIVE);
    /** Progressive JPEGs use about 10 scans; a hundred is far beyond any camera's. */
    static final int MAX_SCANS = 100;
    /**
     * Encoders write a PNG's image data in chunks of 8 KiB (libpng, and so browsers and phones) or
     * more (the JDK's 32 KiB): a photo within the byte limit has a few thousand at most. Ten
     * thousand is far beyond any encoder's.
     */
    static final int MAX_CHUNKS = 10_000;
    /**
     * The longest side a JPEG can have (libjpeg's, and so the JDK's, limit): the result of a photo
     * is a JPEG of its size, so a longer side, within the pixel limit as a 65535x1 PNG is, could be
     * decoded and filtered but never written.
     */
    static final int MAX_SIDE = 65_500;

    private final long maxBytes;
    private final long maxPixels;

    public PhotoDecoder(long maxBytes, long maxPixels) {
        if (maxBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("the photo limits must be positive: " + maxBytes + " bytes, "
                    + maxPixels + " pixels");
        }
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    public BufferedImage decode(byte[] encoded) {
        if (encoded == null || encoded.length == 0) {
            throw new UnusablePhotoException("the upload is empty");
        }
        requireAllowedBytes(encoded.length);
        boolean jpeg = startsWith(encoded, 0, JPEG);
        if (!jpeg && !startsWith(encoded, 0, PNG)) {
            throw new UnusablePhotoException(otherFormat(encoded));
        }
        if (jpeg) {
            requireFewScans(encoded);
        } else {
            requireFewChunks(encoded);
        }
        BufferedImage stored = read(encoded, jpeg ? "jpeg" : "png");
        return upright(stored, jpeg ? ExifOrientation.read(encoded) : ExifOrientation.UPRIGHT);
    }

    /** Refuses an upload of more than {@code maxBytes}: also checked on its stored size, before it is read. */
    public void requireAllowedBytes(long bytes) {
        if (bytes > maxBytes) {
            throw new UnusablePhotoException(String.format(Locale.ROOT,
                    "the upload has %,d bytes, more than the %,d bytes allowed", bytes, maxBytes));
        }
    }

    /**
     * Refuses a JPEG of more than {@link #MAX_SCANS} scans: each scan of a progressive JPEG is
     * decoded over the whole image, so thousands of tiny scans make a small file take hours. A
     * marker byte pair {@code FF DA} cannot occur inside entropy-coded data (an {@code FF} there is
     * followed by {@code 00}), so counting it counts the scans.
     */
    private static void requireFewScans(byte[] jpeg) {
        int scans = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xDA && ++scans > MAX_SCANS) {
                throw new UnusablePhotoException("the photo is corrupt: it has more than " + MAX_SCANS
                        + " scans");
            }
        }
    }

    /**
     * Refuses a PNG of more than {@link #MAX_CHUNKS} chunks: the JDK's reader allocates an 8 KiB
     * buffer for each chunk of image data, so a 15 MiB upload of a million empty chunks would make
     * it allocate 11 GB. Each chunk starts with its length, so this walks them without reading them.
     */
    private static void requireFewChunks(byte[] png) {
        int chunks = 0;
        long position = PNG.length;
        while (position + 8 <= png.length) {
            int length = (png[(int) position] & 0xFF) << 24 | (png[(int) position + 1] & 0xFF) << 16
                    | (png[(int) position + 2] & 0xFF) << 8 | png[(int) position + 3] & 0xFF;
            if (length < 0) {
                return; // the reader refuses it
            }
            if (++chunks > MAX_CHUNKS) {
                throw new UnusablePhotoException(String.format(Locale.ROOT,
                        "the photo is corrupt: it has more than %,d chunks", MAX_CHUNKS));
            }
            position += 12L + length;
        }
    }

    private BufferedImage read(byte[] encoded, String format) {
        ImageReader reader = ImageIO.getImageReadersByFormatName(format).next();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            reader.setInput(input, true, true);
            requireAllowedSize(reader);
            List<String> damage = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> {
                if (DAMAGE.matcher(warning).find()) {
                    damage.add(warning);
                    // the photo is refused anyway: decoding the rest (libjpeg warns again for each read
                    // past the end, tens of thousands of times) would only cost time and memory. Thrown
                    // here, this unwinds the native decoder at once; an abort waits for the next row,
                    // and a progressive JPEG's scans are read whole before the first.
                    throw new Damaged(warning);
                }
            });
            BufferedImage image;
            try {
                image = pixels(reader);
            } catch (UnusablePhotoException e) {
                throw damage.isEmpty() ? e : damaged(damage.getFirst(), e);
            }
            if (!damage.isEmpty()) {
                throw damaged(damage.getFirst(), null);
            }
            return image;
        } catch (IOException e) {
            throw new UnusablePhotoException("the photo cannot be read", e);
        } finally {
            reader.dispose();
        }
    }

    /** Thrown by the warning listener at the first sign of damage, to stop the reader. */
    private static final class Damaged extends RuntimeException {

        Damaged(String warning) {
            super(warning, null, false, false);
        }
    }

    private static UnusablePhotoException damaged(String warning, Throwable cause) {
        return new UnusablePhotoException("the photo is truncated or corrupt (" + warning + ")", cause);
    }

    /** Checks the width and height that the header declares, before any pixel is decoded. */
    private void requireAllowedSize(ImageReader reader) {
        long width;
        long height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new UnusablePhotoException("the photo is truncated or corrupt: its header cannot be read", e);
        }
        if (width < 1 || height < 1) {
            throw new UnusablePhotoException("the photo declares an impossible size of " + width + "x" + height
                    + " pixels");
        }
        if (width * height > maxPixels) {
            throw new UnusablePhotoException(String.format(Locale.ROOT,
                    "the photo is %dx%d, %,d pixels, more than the %,d pixels allowed", width, height,
                    width * height, maxPixels));
        }
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw new UnusablePhotoException(String.format(Locale.ROOT,
                    "the photo is %dx%d, a side longer than the %,d pixels a JPEG result can have", width, height,
                    MAX_SIDE));
        }
    }

    private static BufferedImage pixels(ImageReader reader) {
        try {
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new UnusablePhotoException("the photo is truncated or corrupt and cannot be decoded", e);
        }
    }

    /** An RGB copy, turned upright and with transparent pixels laid on white. */
    private static BufferedImage upright(BufferedImage stored, int orientation) {
        int width = stored.getWidth();
        int height = stored.getHeight();
        boolean swapped = ExifOrientation.swapsSides(orientation);
        BufferedImage upright = new BufferedImage(swapped ? height : width, swapped ? width : height,
                BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) upright.getRaster().getDataBuffer()).getData();
        boolean alpha = stored.getColorModel().hasAlpha();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            stored.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                row[x] = alpha ? onWhite(row[x]) : row[x] & 0xFFFFFF;
            }
            ExifOrientation.place(row, y, width, height, orientation, pixels);
        }
        return upright;
    }

    private static int onWhite(int argb) {
        int alpha = argb >>> 24;
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int channel = argb >> shift & 0xFF;
            rgb |= (channel * alpha + WHITE * (255 - alpha) + 127) / 255 << shift;
        }
        return rgb;
    }

    /** Names the formats a kiosk might send by mistake, from their first bytes. */
    private static String otherFormat(byte[] encoded) {
        String format = null;
        if (matches(encoded, 0, "GIF8")) {
            format = "a GIF image";
        } else if (matches(encoded, 0, "RIFF") && matches(encoded, 8, "WEBP")) {
            format = "a WebP image";
        } else if (matches(encoded, 4, "ftyp") && encoded.length >= 12) {
            format = heifFormat(new String(encoded, 8, 4, StandardCharsets.US_ASCII));
        } else if (matches(encoded, 0, "%PDF")) {
            format = "a PDF document";
        } else if (matches(encoded, 0, "II*\0") || matches(encoded, 0, "MM\0*")) {
            format = "a TIFF image";
        }
        return format == null ? NOT_JPEG_OR_PNG : "the upload is " + format + ", not a JPEG or PNG image";
    }

    private static String heifFormat(String brand) {
        return switch (brand) {
            case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1" -> "a HEIC image";
            case "avif", "avis" -> "an AVIF image";
            default -> null;
        };
    }

    private static boolean matches(byte[] bytes, int from, String expected) {
        return startsWith(bytes, from, expected.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        return bytes.length >= from + prefix.length
                && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }
}
