package io.photobooth.filter;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 of IFD0 in the APP1 {@code Exif} segment), 1 to 8,
 * and the turn that makes an image of that orientation upright. Anything missing, out of range or
 * malformed counts as 1, upright as stored.
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;

    private static final int MARKER = 0xFF;
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;
    private static final int APP1 = 0xE1;
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int IFD_ENTRY_BYTES = 12;

    private ExifOrientation() {
    }

    /** Reads the orientation from the segments before the first scan of a JPEG. */
    static int read(byte[] jpeg) {
        int position = 2;
        while (position + 4 <= jpeg.length && (jpeg[position] & 0xFF) == MARKER) {
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == MARKER) {
                position++;
                continue;
            }
            if (marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                return UPRIGHT;
            }
            int length = unsigned16(jpeg, position + 2, false);
            int end = position + 2 + length;
            if (length < 2 || end > jpeg.length) {
                return UPRIGHT;
            }
            if (marker == APP1 && startsWith(jpeg, position + 4, end, EXIF_HEADER)) {
                return fromTiff(jpeg, position + 4 + EXIF_HEADER.length, end);
            }
            position = end;
        }
        return UPRIGHT;
    }

    /** The TIFF structure in {@code [tiff, end)}: byte order, IFD0 offset, then IFD0's entries. */
    private static int fromTiff(byte[] bytes, int tiff, int end) {
        if (tiff + 8 > end) {
            return UPRIGHT;
        }
        boolean littleEndian;
        if (bytes[tiff] == 'I' && bytes[tiff + 1] == 'I') {
            littleEndian = true;
        } else if (bytes[tiff] == 'M' && bytes[tiff + 1] == 'M') {
            littleEndian = false;
        } else {
            return UPRIGHT;
        }
        long ifd = tiff + unsigned32(bytes, tiff + 4, littleEndian);
        if (ifd + 2 > end) {
            return UPRIGHT;
        }
        int entries = unsigned16(bytes, (int) ifd, littleEndian);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + (long) i * IFD_ENTRY_BYTES;
            if (entry + IFD_ENTRY_BYTES > end) {
                return UPRIGHT;
            }
            if (unsigned16(bytes, (int) entry, littleEndian) == ORIENTATION_TAG) {
                int value = unsigned16(bytes, (int) entry + 8, littleEndian);
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    /** Whether the upright image is the stored one turned by a quarter: its width is the stored height. */
    static boolean swapsSides(int orientation) {
        return orientation >= 5;
    }

    /**
     * Copies row {@code y} of a stored {@code width} x {@code height} image to where orientation
     * puts it in the upright pixels: 2 mirrors horizontally, 3 turns by 180 degrees, 4 mirrors
     * vertically, 5 transposes, 6 turns 90 degrees clockwise, 7 transverses, 8 turns 270 degrees
     * clockwise.
     */
    static void place(int[] row, int y, int width, int height, int orientation, int[] upright) {
        int uprightWidth = swapsSides(orientation) ? height : width;
        int start = switch (orientation) {
            case 2 -> y * uprightWidth + width - 1;
            case 3 -> (height - 1 - y) * uprightWidth + width - 1;
            case 4 -> (height - 1 - y) * uprightWidth;
            case 5 -> y;
            case 6 -> height - 1 - y;
            case 7 -> (width - 1) * uprightWidth + height - 1 - y;
            case 8 -> (width - 1) * uprightWidth + y;
            default -> y * uprightWidth;
        };
        int step = switch (orientation) {
            case 2, 3 -> -1;
            case 5, 6 -> uprightWidth;
            case 7, 8 -> -uprightWidth;
            default -> 1;
        };
        for (int x = 0, target = start; x < width; x++, target += step) {
            upright[target] = row[x];
        }
    }

    private static boolean startsWith(byte[] bytes, int from, int end, byte[] prefix) {
        if (from + prefix.length > end) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int unsigned16(byte[] bytes, int at, boolean littleEndian) {
        int first = bytes[at] & 0xFF;
        int second = bytes[at + 1] & 0xFF;
        return littleEndian ? second << 8 | first : first << 8 | second;
    }

    private static long unsigned32(byte[] bytes, int at, boolean littleEndian) {
        long high = unsigned16(bytes, littleEndian ? at + 2 : at, littleEndian);
        long low = unsigned16(bytes, littleEndian ? at : at + 2, littleEndian);
        return high << 16 | low;
    }
}
