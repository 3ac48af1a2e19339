package io.photobooth.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.management.ManagementFactory;

import io.photobooth.filter.HostileUploads.PngEdits;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What fuzzing {@link PhotoDecoder} found too costly ({@link PhotoDecoderFuzzTest}) or fatal to the
 * conversion ({@code HostileInputPhotosTest}), each refused cheaply now: a PNG of thousands of empty
 * chunks (the JDK's reader allocated 8 KiB for each: 11 GB for a 15 MiB upload), a JPEG whose reader
 * warned tens of thousands of times about reading past its end (each warning a string and a
 * callback) while it decoded pixels already known damaged, and a PNG with a side longer than a JPEG
 * can have, which decoded and converted but whose result could not be written (the job failed three
 * times, and the shot only after minutes).
 */
class PhotoDecoderFuzzFindingsTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** What refusing a small upload may allocate: the reader's tables and buffers, not its pixels. */
    private static final long SMALL = 1 << 20;

    private final PhotoDecoder decoder = new PhotoDecoder(15_728_640, 24_000_000);

    @BeforeEach
    void warmUp() {
        // the first decode loads the readers' classes and native code, which is no cost of the upload
        decoder.decode(PhotoDecoderTest.encode(PhotoDecoderTest.quadrants(), "jpeg"));
        decoder.decode(PhotoDecoderTest.encode(PhotoDecoderTest.quadrants(), "png"));
    }

    /** How an upload ended, and what the decoding allocated on this thread. */
    private record Refusal(Throwable thrown, long allocatedBytes) {
    }

    private Refusal decode(byte[] upload) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Throwable thrown = catchThrowable(() -> decoder.decode(upload));
        return new Refusal(thrown, THREADS.getCurrentThreadAllocatedBytes() - before);
    }

    @Test
    void shouldRefuseAPngOfMoreChunksThanAllowedBeforeReadingThem() {
        byte[] png = PhotoDecoderTest.encode(PhotoDecoderTest.quadrants(), "png");
        int chunks = PngEdits.chunks(png).size();

        Refusal refusal = decode(PngEdits.withEmptyImageChunks(png, PhotoDecoder.MAX_CHUNKS - chunks + 1));

        assertThat(refusal.thrown()).isInstanceOf(UnusablePhotoException.class)
                .hasMessage("the photo is corrupt: it has more than 10,000 chunks");
        assertThat(refusal.allocatedBytes()).isLessThan(SMALL);
        assertThat(decoder.decode(PngEdits.withEmptyImageChunks(png, PhotoDecoder.MAX_CHUNKS - chunks)).getWidth())
                .as("as many chunks as allowed").isEqualTo(40);
    }

    @Test
    void shouldStopDecodingAJpegAtItsFirstDamage() {
        // random bytes over the last three quarters of a progressive JPEG: the JDK's libjpeg warned
        // 11,541 times that the file is truncated, and went on after an abort
        Refusal refusal = decode(HostileUploads.jpegOfRandomScanData(3));

        assertThat(refusal.thrown()).isInstanceOf(UnusablePhotoException.class)
                .hasMessageStartingWith("the photo is truncated or corrupt (");
        assertThat(refusal.allocatedBytes()).isLessThan(SMALL);
    }

    @Test
    void shouldRefuseAPhotoWithASideLongerThanAJpegCanHaveFromItsHeader() {
        Refusal refusal = decode(PngEdits.zlibBomb(65_501, 1, 1));

        assertThat(refusal.thrown()).isInstanceOf(UnusablePhotoException.class)
                .hasMessage("the photo is 65501x1, a side longer than the 65,500 pixels a JPEG result can have");
        assertThat(refusal.allocatedBytes()).isLessThan(SMALL);
        assertThat(decoder.decode(PngEdits.zlibBomb(1, 65_500, 65_500)).getHeight()).as("the longest side allowed")
                .isEqualTo(65_500);
    }
}
