package io.photobooth.filter;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.photobooth.support.PoisonPhotos;


/**
 * Uploads a hostile or careless kiosk might send instead of a photo, for fuzzing {@link PhotoDecoder}:
 * small valid JPEGs and PNGs of every kind the decoder meets (baseline, progressive, grey, EXIF
 * oriented; RGB, RGBA, palette, 16-bit grey, interlaced), and what is made of them: bit flips, byte
 * runs, truncations, splices, segment- and chunk-aware edits (with the PNG CRCs made right again, so
 * that a reader gets past them), headers declaring huge sizes (decompression bombs), malformed EXIF,
 * thousands of progressive scans, random bytes, other formats (GIF, BMP, WBMP, TIFF, WebP, HEIC, SVG,
 * HTML) and nothing at all. {@link #next} makes one from a seeded random source, so that a failing
 * upload is made again from its seed.
 */
public final class HostileUploads {

    /** One generated upload: how it was made, and its bytes ({@code null} for a missing body). */
    public record Upload(String kind, byte[] bytes) {

        @Override
        public String toString() {
            if (bytes == null) {
                return kind + ": null";
            }
            byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, 48));
            return kind + ": " + bytes.length + " bytes, starting " + HexFormat.of().formatHex(head);
        }
    }

    /** A named way of making an upload from a random source. */
    private record Maker(String kind, int weight, Function<Random, byte[]> make) {
    }

    private static final byte[] JPEG_BASELINE = jpeg(picture(64, 48, BufferedImage.TYPE_INT_RGB), false);
    private static final byte[] JPEG_PROGRESSIVE = jpeg(picture(72, 40, BufferedImage.TYPE_INT_RGB), true);
    private static final byte[] JPEG_GREY = jpeg(picture(40, 56, BufferedImage.TYPE_BYTE_GRAY), false);
    private static final byte[] JPEG_ODD = jpeg(picture(33, 17, BufferedImage.TYPE_INT_RGB), false);
    private static final byte[] PNG_RGB = png(picture(48, 32, BufferedImage.TYPE_INT_RGB), false);
    private static final byte[] PNG_RGBA = png(picture(32, 32, BufferedImage.TYPE_INT_ARGB), false);
    private static final byte[] PNG_PALETTE = png(picture(40, 24, BufferedImage.TYPE_BYTE_INDEXED), false);
    private static final byte[] PNG_GREY16 = png(picture(24, 40, BufferedImage.TYPE_USHORT_GRAY), false);
    private static final byte[] PNG_INTERLACED = png(picture(37, 29, BufferedImage.TYPE_INT_ARGB), true);

    static final List<byte[]> JPEGS = List.of(JPEG_BASELINE, JPEG_PROGRESSIVE, JPEG_GREY, JPEG_ODD,
            PhotoDecoderTest.withExif(JPEG_BASELINE, 6, ByteOrder.LITTLE_ENDIAN),
            PhotoDecoderTest.withExif(JPEG_PROGRESSIVE, 8, ByteOrder.BIG_ENDIAN));
    static final List<byte[]> PNGS = List.of(PNG_RGB, PNG_RGBA, PNG_PALETTE, PNG_GREY16, PNG_INTERLACED);
    static final List<byte[]> PHOTOS = concat(JPEGS, PNGS);
    /** Photos of 0.75 megapixels, where the cost of each pixel shows. */
    private static final List<byte[]> LARGE_PHOTOS = List.of(
            jpeg(picture(1000, 750, BufferedImage.TYPE_INT_RGB), true),
            jpeg(picture(750, 1000, BufferedImage.TYPE_BYTE_GRAY), false),
            png(picture(1000, 750, BufferedImage.TYPE_INT_ARGB), false),
            png(picture(750, 1000, BufferedImage.TYPE_USHORT_GRAY), true),
            png(picture(1000, 750, BufferedImage.TYPE_BYTE_INDEXED), false));
    private static final List<byte[]> OTHER_FORMATS = List.of(
            write(picture(24, 16, BufferedImage.TYPE_INT_RGB), "gif"),
            write(picture(24, 16, BufferedImage.TYPE_INT_RGB), "bmp"),
            write(picture(24, 16, BufferedImage.TYPE_BYTE_BINARY), "wbmp"),
            write(picture(24, 16, BufferedImage.TYPE_INT_RGB), "tiff"),
            ascii("RIFF\u0024\0\0\0WEBPVP8 \u0018\0\0\0\u0030\u0001\0\u009d\u0001\u002a\u0018\0\u0010\0"),
            ascii("\0\0\0\u0018ftypheic\0\0\0\0mif1heic"),
            ascii("\0\0\0\u001cftypavif\0\0\0\0avifmif1miaf"),
            ascii("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
            ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"99999\""
                    + " height=\"99999\"><rect width=\"100%\" height=\"100%\"/></svg>"),
            ascii("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"),
            ascii("{\"concept\":\"sketch\"}"),
            ascii("BM\u00ff\u00ff\u00ff\u007f\0\0\0\0\u0036\0\0\0\u0028\0\0\0\u00ff\u00ff\0\0\u00ff\u00ff\0\0"));
    /** Sizes a header may declare: past every limit, at the edges of the fields, and none. */
    private static final int[][] BOMB_SIZES = {
        {60_000, 60_000}, {20_000, 20_000}, {65_535, 65_535}, {65_535, 1}, {1, 65_535}, {50_000, 50_000},
        {4_899, 4_899}, {24_000_001, 1}, {Integer.MAX_VALUE, Integer.MAX_VALUE}, {Integer.MAX_VALUE, 1},
        {0, 0}, {0, 100}, {-1, -1}, {Integer.MIN_VALUE, 16},
    };

    private static final List<Maker> MAKERS = List.of(
            new Maker("valid photo", 3, random -> pick(random, PHOTOS).clone()),
            new Maker("large photo", 1, random -> maybeMutate(random, pick(random, LARGE_PHOTOS))),
            new Maker("bit flips", 14, random -> flipBits(random, pick(random, PHOTOS), Integer.MAX_VALUE)),
            new Maker("bit flips in the header", 12, random -> flipBits(random, pick(random, PHOTOS), 700)),
            new Maker("byte run", 8, random -> byteRun(random, pick(random, PHOTOS))),
            new Maker("truncation", 8, random -> truncate(random, pick(random, PHOTOS))),
            new Maker("splice", 6, random -> splice(random, pick(random, PHOTOS), pick(random, PHOTOS))),
            new Maker("insertion or deletion", 5, random -> insertOrDelete(random, pick(random, PHOTOS))),
            new Maker("repeated range", 3, random -> repeatRange(random, pick(random, PHOTOS))),
            new Maker("jpeg segment edit", 12, random -> JpegEdits.edit(random, pick(random, JPEGS))),
            new Maker("png chunk edit", 12, random -> PngEdits.edit(random, pick(random, PNGS))),
            new Maker("declared-huge jpeg", 3, random -> jpegDeclaring(random, pick(random, JPEGS), bombSize(random))),
            new Maker("declared-huge png", 3, random -> pngDeclaring(random, bombSize(random))),
            new Maker("bad exif", 6, random -> badExif(random, pick(random, JPEGS))),
            new Maker("too many scans", 1, random -> manyScans(random, pick(random, JPEGS))),
            new Maker("too many chunks", 1, random -> PngEdits.manyChunks(random, pick(random, PNGS))),
            new Maker("random bytes", 3, random -> randomBytes(random, 1 + random.nextInt(4096))),
            new Maker("random bytes behind a signature", 4, HostileUploads::randomBehindSignature),
            new Maker("other format", 3, random -> maybeMutate(random, pick(random, OTHER_FORMATS))),
            new Maker("empty", 1, random -> random.nextInt(8) == 0 ? null : new byte[0]));

    private HostileUploads() {
    }

    private static final int TOTAL_WEIGHT = MAKERS.stream().mapToInt(Maker::weight).sum();

    /** An upload of any kind, more of the kinds that reach deeper into the readers. */
    public static Upload next(Random random) {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (Maker maker : MAKERS) {
            pick -= maker.weight();
            if (pick < 0) {
                return new Upload(maker.kind(), maker.make().apply(random));
            }
        }
        throw new IllegalStateException("the weights add up to " + TOTAL_WEIGHT);
    }

    /**
     * A small PNG with {@code count} empty chunks of image data after its first: legal, nothing to
     * decode, and each chunk cost the JDK's reader an 8 KiB buffer before the decoder counted them.
     */
    public static byte[] pngOfEmptyChunks(int count) {
        return PngEdits.withEmptyImageChunks(PhotoDecoderTest.encode(PhotoDecoderTest.quadrants(), "png"), count);
    }

    /** A black PNG of the size, all its rows present: small, since deflate packs zeros a thousandfold. */
    public static byte[] blackPng(int width, int height) {
        return PngEdits.zlibBomb(width, height, height);
    }

    /**
     * A progressive 160x120 JPEG whose last three quarters are random bytes from the seed: with seed
     * 3, the JDK's libjpeg warned 11,541 times that the file was truncated, aborted at the first
     * warning or not, before the decoder stopped it from the warning listener.
     */
    public static byte[] jpegOfRandomScanData(long seed) {
        byte[] jpeg = jpeg(PhotoDecoderTest.noise(160, 120), true);
        JpegEdits.Segment scan = JpegEdits.segments(jpeg).getLast();
        int data = scan.at() + 2 + scan.length();
        Random random = new Random(seed);
        for (int i = data + (jpeg.length - 2 - data) / 4; i < jpeg.length - 2; i++) {
            jpeg[i] = (byte) random.nextInt();
        }
        return jpeg;
    }

    // --- the valid photos the mutations start from

    /** A gradient with a few shapes: smooth areas and edges, as a photo has. */
    static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(210, 190, 160, 255), width, height, new Color(40, 90, 170, 120)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.setColor(new Color(0, 160, 0, 90));
        g.fillRect(0, height * 2 / 3, width / 2, height / 3);
        g.dispose();
        return image;
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive) {
        return writeWithParam(image, "jpeg", progressive);
    }

    private static byte[] png(BufferedImage image, boolean interlaced) {
        return writeWithParam(image, "png", interlaced);
    }

    private static byte[] writeWithParam(BufferedImage image, String format, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // --- blind mutations

    private static byte[] flipBits(Random random, byte[] photo, int within) {
        byte[] bytes = photo.clone();
        int flips = 1 + random.nextInt(random.nextBoolean() ? 3 : 24);
        int range = Math.min(bytes.length, within);
        for (int i = 0; i < flips; i++) {
            bytes[random.nextInt(range)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }

    private static byte[] byteRun(Random random, byte[] photo) {
        byte[] bytes = photo.clone();
        int at = random.nextInt(bytes.length);
        int length = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 256));
        switch (random.nextInt(4)) {
            case 0 -> Arrays.fill(bytes, at, at + length, (byte) 0);
            case 1 -> Arrays.fill(bytes, at, at + length, (byte) 0xFF);
            case 2 -> Arrays.fill(bytes, at, at + length, (byte) random.nextInt());
            default -> {
                byte[] noise = randomBytes(random, length);
                System.arraycopy(noise, 0, bytes, at, length);
            }
        }
        return bytes;
    }

    private static byte[] truncate(Random random, byte[] photo) {
        int keep = random.nextBoolean() ? random.nextInt(photo.length) : photo.length - 1 - random.nextInt(16);
        return Arrays.copyOf(photo, Math.max(0, keep));
    }

    private static byte[] splice(Random random, byte[] first, byte[] second) {
        int cut = random.nextInt(first.length);
        int from = random.nextInt(second.length);
        ByteBuffer spliced = ByteBuffer.allocate(cut + second.length - from);
        return spliced.put(first, 0, cut).put(second, from, second.length - from).array();
    }

    private static byte[] insertOrDelete(Random random, byte[] photo) {
        int at = random.nextInt(photo.length);
        int length = 1 + random.nextInt(random.nextBoolean() ? 4 : 512);
        if (random.nextBoolean()) {
            byte[] inserted = random.nextBoolean() ? randomBytes(random, length) : new byte[length];
            return ByteBuffer.allocate(photo.length + length).put(photo, 0, at).put(inserted)
                    .put(photo, at, photo.length - at).array();
        }
        int end = Math.min(photo.length, at + length);
        return ByteBuffer.allocate(photo.length - (end - at)).put(photo, 0, at).put(photo, end, photo.length - end)
                .array();
    }

    private static byte[] repeatRange(Random random, byte[] photo) {
        int at = random.nextInt(photo.length);
        int length = Math.min(photo.length - at, 1 + random.nextInt(64));
        int times = 2 + random.nextInt(200);
        ByteBuffer repeated = ByteBuffer.allocate(photo.length + length * (times - 1)).put(photo, 0, at);
        for (int i = 0; i < times; i++) {
            repeated.put(photo, at, length);
        }
        return repeated.put(photo, at + length, photo.length - at - length).array();
    }

    private static byte[] maybeMutate(Random random, byte[] bytes) {
        return switch (random.nextInt(4)) {
            case 0 -> flipBits(random, bytes, Integer.MAX_VALUE);
            case 1 -> truncate(random, bytes);
            default -> bytes.clone();
        };
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] randomBehindSignature(Random random) {
        byte[] signature = random.nextBoolean() ? new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}
                : new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        byte[] bytes = randomBytes(random, signature.length + random.nextInt(4096));
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    // --- decompression bombs: a few bytes declaring more pixels than allowed

    private static int[] bombSize(Random random) {
        if (random.nextInt(3) == 0) {
            return new int[] {1 + random.nextInt(65_535), 1 + random.nextInt(65_535)};
        }
        return BOMB_SIZES[random.nextInt(BOMB_SIZES.length)];
    }

    /** The JPEG with its frame header declaring the size (each side cut to 16 bits, as SOF holds it). */
    static byte[] jpegDeclaring(Random random, byte[] jpeg, int[] size) {
        byte[] bytes = jpeg.clone();
        int frame = JpegEdits.startOfFrame(bytes);
        ByteBuffer.wrap(bytes).putShort(frame + 5, (short) size[1]).putShort(frame + 7, (short) size[0]);
        return random.nextInt(4) == 0 ? Arrays.copyOf(bytes, frame + 2 + 17) : bytes;
    }

    private static byte[] pngDeclaring(Random random, int[] size) {
        return switch (random.nextInt(3)) {
            case 0 -> PoisonPhotos.pngDeclaring(size[0], size[1]);
            case 1 -> PngEdits.withHeader(pick(random, PNGS), size[0], size[1]);
            default -> PngEdits.zlibBomb(size[0], size[1], random.nextInt(3) == 0 ? 6 : 2);
        };
    }

    // --- EXIF and scans

    private static byte[] badExif(Random random, byte[] jpeg) {
        return switch (random.nextInt(5)) {
            case 0 -> PhotoDecoderTest.withApp1(jpeg, randomBytes(random, random.nextInt(64)));
            case 1 -> {
                byte[] oriented = PhotoDecoderTest.withExif(jpeg, random.nextInt(0x10000),
                        random.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                yield flipBits(random, oriented, 40);
            }
            case 2 -> {
                ByteBuffer tiff = ByteBuffer.allocate(8 + random.nextInt(40)).order(ByteOrder.LITTLE_ENDIAN);
                tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(random.nextInt());
                while (tiff.hasRemaining()) {
                    tiff.put((byte) random.nextInt());
                }
                yield PhotoDecoderTest.withApp1(jpeg, tiff.array());
            }
            case 3 -> {
                // an APP1 segment whose length runs past the end of the file
                byte[] exif = PhotoDecoderTest.withExif(jpeg, 6, ByteOrder.BIG_ENDIAN);
                ByteBuffer.wrap(exif).putShort(4, (short) (0xFF00 | random.nextInt(256)));
                yield exif;
            }
            default -> {
                byte[] exif = jpeg;
                for (int i = random.nextInt(20); i >= 0; i--) {
                    exif = PhotoDecoderTest.withExif(exif, 1 + random.nextInt(8), ByteOrder.BIG_ENDIAN);
                }
                yield exif;
            }
        };
    }

    /** The JPEG followed by up to hundreds of empty progressive scans, around the decoder's limit. */
    private static byte[] manyScans(Random random, byte[] jpeg) {
        byte[] emptyScan = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0};
        int scans = PhotoDecoder.MAX_SCANS - 5 + random.nextInt(random.nextBoolean() ? 10 : 2000);
        ByteBuffer bytes = ByteBuffer.allocate(jpeg.length + scans * emptyScan.length);
        bytes.put(jpeg, 0, jpeg.length - 2);
        for (int i = 0; i < scans; i++) {
            bytes.put(emptyScan);
        }
        return bytes.put((byte) 0xFF).put((byte) 0xD9).array();
    }

    // --- helpers

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /** Edits that know the JPEG's segments: frame fields, markers, lengths, restart intervals. */
    static final class JpegEdits {

        private static final int[] FRAME_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC9, 0xCA, 0xCB, 0xCF};

        private JpegEdits() {
        }

        /** The offset of the first SOFn marker (not DHT, JPG or DAC). */
        static int startOfFrame(byte[] jpeg) {
            for (Segment segment : segments(jpeg)) {
                int marker = segment.marker();
                if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                    return segment.at();
                }
            }
            throw new IllegalStateException("no frame header");
        }

        /** A segment before the first scan: its marker's offset, marker and length field. */
        record Segment(int at, int marker, int length) {
        }

        static List<Segment> segments(byte[] jpeg) {
            List<Segment> segments = new ArrayList<>();
            int at = 2;
            while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
                int marker = jpeg[at + 1] & 0xFF;
                int length = (jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF;
                segments.add(new Segment(at, marker, length));
                if (marker == 0xDA) {
                    break;
                }
                at += 2 + length;
            }
            return segments;
        }

        static byte[] edit(Random random, byte[] jpeg) {
            byte[] bytes = jpeg.clone();
            List<Segment> segments = segments(bytes);
            Segment segment = pick(random, segments);
            int frame = startOfFrame(bytes);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            switch (random.nextInt(12)) {
                case 0 -> bytes[frame + 1] = (byte) FRAME_MARKERS[random.nextInt(FRAME_MARKERS.length)];
                case 1 -> bytes[frame + 4] = (byte) pick(random, List.of(0, 1, 2, 7, 8, 12, 16, 255)).intValue();
                case 2 -> bytes[frame + 9] = (byte) pick(random, List.of(0, 1, 2, 3, 4, 5, 255)).intValue();
                case 3 -> {
                    // a component's sampling factors or quantisation table
                    int component = frame + 10 + 3 * random.nextInt(Math.max(1, bytes[frame + 9] & 0xFF));
                    if (component + 2 < bytes.length) {
                        bytes[component + 1 + random.nextInt(2)] = (byte) random.nextInt(256);
                    }
                }
                case 4 -> buffer.putShort(segment.at() + 2, (short) random.nextInt(0x10000));
                case 5 -> bytes[segment.at() + 1] = (byte) (0xC0 + random.nextInt(64));
                case 6 -> {
                    // the segment left out
                    int end = Math.min(bytes.length, segment.at() + 2 + segment.length());
                    return ByteBuffer.allocate(bytes.length - (end - segment.at())).put(bytes, 0, segment.at())
                            .put(bytes, end, bytes.length - end).array();
                }
                case 7 -> {
                    // the segment twice, or many times
                    int end = Math.min(bytes.length, segment.at() + 2 + segment.length());
                    int times = 1 + random.nextInt(random.nextBoolean() ? 2 : 100);
                    ByteBuffer repeated = ByteBuffer.allocate(bytes.length + times * (end - segment.at()));
                    repeated.put(bytes, 0, end);
                    for (int i = 0; i < times; i++) {
                        repeated.put(bytes, segment.at(), end - segment.at());
                    }
                    return repeated.put(bytes, end, bytes.length - end).array();
                }
                case 8 -> {
                    // a restart interval, which the scan does not follow
                    byte[] restart = {(byte) 0xFF, (byte) 0xDD, 0, 4, (byte) random.nextInt(256), (byte) random.nextInt(256)};
                    return ByteBuffer.allocate(bytes.length + restart.length).put(bytes, 0, frame).put(restart)
                            .put(bytes, frame, bytes.length - frame).array();
                }
                case 9 -> {
                    // the scan header's fields
                    Segment scan = segments.getLast();
                    int field = scan.at() + 4 + random.nextInt(Math.max(1, Math.min(scan.length() - 2, 12)));
                    if (field < bytes.length) {
                        bytes[field] = (byte) random.nextInt(256);
                    }
                }
                case 10 -> flipWithin(random, bytes, segment.at(), Math.min(bytes.length, segment.at() + 2 + segment.length()));
                default -> {
                    // garbage bytes right after the scan header: the entropy-coded data
                    int from = segments.getLast().at() + 2 + segments.getLast().length();
                    if (from < bytes.length - 2) {
                        flipWithin(random, bytes, from, Math.min(bytes.length - 2, from + 64));
                    }
                }
            }
            return bytes;
        }

        private static void flipWithin(Random random, byte[] bytes, int from, int to) {
            for (int i = 1 + random.nextInt(4); i > 0 && to > from; i--) {
                bytes[from + random.nextInt(to - from)] ^= (byte) (1 << random.nextInt(8));
            }
        }
    }

    /** Edits that know the PNG's chunks, and put right the CRC of what they change. */
    static final class PngEdits {

        private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

        private PngEdits() {
        }

        record Chunk(String type, byte[] data) {

            byte[] bytes() {
                return chunk(type, data);
            }
        }

        static List<Chunk> chunks(byte[] png) {
            List<Chunk> chunks = new ArrayList<>();
            ByteBuffer buffer = ByteBuffer.wrap(png, SIGNATURE.length, png.length - SIGNATURE.length);
            while (buffer.remaining() >= 12) {
                int length = buffer.getInt();
                byte[] type = new byte[4];
                buffer.get(type);
                byte[] data = new byte[length];
                buffer.get(data);
                buffer.getInt();
                chunks.add(new Chunk(new String(type, StandardCharsets.US_ASCII), data));
            }
            return chunks;
        }

        static byte[] assemble(List<Chunk> chunks) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            png.writeBytes(SIGNATURE);
            chunks.forEach(chunk -> png.writeBytes(chunk.bytes()));
            return png.toByteArray();
        }

        static byte[] chunk(String type, byte[] data) {
            byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(typeBytes);
            crc.update(data);
            return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                    .putInt((int) crc.getValue()).array();
        }

        static byte[] withHeader(byte[] png, int width, int height) {
            List<Chunk> chunks = new ArrayList<>(chunks(png));
            byte[] header = chunks.getFirst().data().clone();
            ByteBuffer.wrap(header).putInt(0, width).putInt(4, height);
            chunks.set(0, new Chunk("IHDR", header));
            return assemble(chunks);
        }

        /**
         * A PNG of 8-bit RGB declaring the size, whose IDAT is a valid zlib stream of zeros for its
         * first {@code rows} rows: deflate compresses zeros about a thousand times, so a few kilobytes
         * fill megapixels.
         */
        static byte[] zlibBomb(int width, int height, int rows) {
            long rowBytes = 1 + 3L * Math.max(0, width);
            int raw = (int) Math.min(8 << 20, rowBytes * Math.max(0, Math.min(height, rows)));
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            deflater.setInput(new byte[raw]);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            byte[] header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                    .put((byte) 0).put((byte) 0).put((byte) 0).array();
            return assemble(List.of(new Chunk("IHDR", header), new Chunk("IDAT", compressed.toByteArray()),
                    new Chunk("IEND", new byte[0])));
        }

        /** The PNG with empty IDAT chunks after its first, around the decoder's limit or far beyond. */
        static byte[] manyChunks(Random random, byte[] png) {
            return withEmptyImageChunks(png,
                    PhotoDecoder.MAX_CHUNKS - 10 + random.nextInt(random.nextBoolean() ? 20 : 200_000));
        }

        /** The PNG with {@code count} empty IDAT chunks after its first: legal, and nothing to decode. */
        static byte[] withEmptyImageChunks(byte[] png, int count) {
            byte[] empty = chunk("IDAT", new byte[0]);
            ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + count * empty.length);
            out.writeBytes(SIGNATURE);
            boolean added = false;
            for (Chunk chunk : chunks(png)) {
                out.writeBytes(chunk.bytes());
                if (chunk.type().equals("IDAT") && !added) {
                    for (int i = 0; i < count; i++) {
                        out.writeBytes(empty);
                    }
                    added = true;
                }
            }
            return out.toByteArray();
        }

        static byte[] edit(Random random, byte[] png) {
            List<Chunk> chunks = new ArrayList<>(chunks(png));
            int index = random.nextInt(chunks.size());
            Chunk chosen = chunks.get(index);
            switch (random.nextInt(10)) {
                case 0 -> {
                    // the header's bit depth, colour type, compression, filter or interlace method
                    byte[] header = chunks.getFirst().data().clone();
                    int field = 8 + random.nextInt(5);
                    header[field] = (byte) (random.nextBoolean() ? random.nextInt(256)
                            : pick(random, List.of(0, 1, 2, 3, 4, 6, 8, 16)));
                    chunks.set(0, new Chunk("IHDR", header));
                }
                case 1 -> {
                    byte[] data = chosen.data().clone();
                    if (data.length > 0) {
                        for (int i = 1 + random.nextInt(6); i > 0; i--) {
                            data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
                        }
                    }
                    chunks.set(index, new Chunk(chosen.type(), data));
                }
                case 2 -> chunks.remove(index);
                case 3 -> {
                    for (int i = 1 + random.nextInt(random.nextBoolean() ? 2 : 500); i > 0; i--) {
                        chunks.add(index, chosen);
                    }
                }
                case 4 -> chunks.add(1 + random.nextInt(chunks.size()), new Chunk(
                        pick(random, List.of("PLTE", "tRNS", "iCCP", "zTXt", "iTXt", "tEXt", "sPLT", "hIST", "gAMA",
                                "cHRM", "sBIT", "bKGD", "pHYs", "tIME", "sRGB", "eXIf", "acTL", "fcTL", "IDAT", "IEND",
                                "IHDR", "zzZz", "ZZZZ")),
                        randomBytes(random, random.nextInt(random.nextBoolean() ? 16 : 2048))));
                case 5 -> chunks.add(1 + random.nextInt(chunks.size()), new Chunk(
                        pick(random, List.of("iCCP", "zTXt", "iTXt")), compressedMetadata(random)));
                case 6 -> {
                    // the IDAT data split into many chunks, some empty
                    List<Chunk> split = new ArrayList<>();
                    for (Chunk chunk : chunks) {
                        if (!chunk.type().equals("IDAT")) {
                            split.add(chunk);
                            continue;
                        }
                        byte[] data = chunk.data();
                        for (int at = 0; at < data.length; ) {
                            int length = Math.min(data.length - at, random.nextInt(8));
                            split.add(new Chunk("IDAT", Arrays.copyOfRange(data, at, at + length)));
                            at += length;
                        }
                    }
                    chunks = split;
                }
                case 7 -> {
                    // a declared length that the chunk does not have: the CRC no longer helps
                    byte[] assembled = assemble(chunks);
                    int at = SIGNATURE.length;
                    for (int i = 0; i < index; i++) {
                        at += 12 + chunks.get(i).data().length;
                    }
                    ByteBuffer.wrap(assembled).putInt(at, pick(random,
                            List.of(Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 0x7FFF_FFF0, random.nextInt(),
                                    chosen.data().length + 1 + random.nextInt(64))));
                    return assembled;
                }
                case 8 -> {
                    // no IEND, or data after it
                    if (random.nextBoolean()) {
                        chunks.removeIf(chunk -> chunk.type().equals("IEND"));
                    } else {
                        byte[] assembled = assemble(chunks);
                        return ByteBuffer.allocate(assembled.length + 64).put(assembled)
                                .put(randomBytes(random, 64)).array();
                    }
                }
                default -> {
                    // the image data inflated and changed (filter bytes, length), then compressed again
                    chunks = reinflated(random, chunks);
                }
            }
            return assemble(chunks);
        }

        /** A keyword, a compression method and a deflate stream: sometimes of megabytes of zeros. */
        private static byte[] compressedMetadata(Random random) {
            byte[] content = random.nextInt(4) == 0 ? new byte[random.nextInt(4 << 20)]
                    : randomBytes(random, random.nextInt(512));
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("profile\0".getBytes(StandardCharsets.US_ASCII));
            out.write(random.nextInt(4) == 0 ? random.nextInt(256) : 0);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            return out.toByteArray();
        }

        private static List<Chunk> reinflated(Random random, List<Chunk> chunks) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            chunks.stream().filter(chunk -> chunk.type().equals("IDAT")).forEach(chunk -> compressed.writeBytes(chunk.data()));
            byte[] raw;
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(compressed.toByteArray());
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    out.write(buffer, 0, n);
                }
                raw = out.toByteArray();
            } catch (DataFormatException e) {
                return chunks;
            } finally {
                inflater.end();
            }
            if (raw.length == 0) {
                return chunks;
            }
            switch (random.nextInt(3)) {
                case 0 -> raw[random.nextInt(raw.length)] = (byte) random.nextInt(256);
                case 1 -> raw = Arrays.copyOf(raw, random.nextInt(raw.length));
                default -> raw = Arrays.copyOf(raw, raw.length + random.nextInt(4096));
            }
            Deflater deflater = new Deflater();
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            List<Chunk> edited = new ArrayList<>();
            boolean placed = false;
            for (Chunk chunk : chunks) {
                if (!chunk.type().equals("IDAT")) {
                    edited.add(chunk);
                } else if (!placed) {
                    edited.add(new Chunk("IDAT", out.toByteArray()));
                    placed = true;
                }
            }
            return edited;
        }
    }
}
