package io.photobooth.filter;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.function.Function;

/**
 * What a filter model expects, read from the keys of its {@code serving.properties} (DJL makes them
 * the model's properties). {@code width} and {@code height}: the input size; the photo is resized
 * to fit inside it, keeping its aspect ratio, and padded with black at the right and bottom; 0
 * (absent) runs the model at the photo's own size. {@code mean} and {@code std}: per RGB channel,
 * applied to the {@code [0, 1]} pixels as {@code (x - mean) / std}; absent, none. {@code output.range}:
 * {@code 0,1} (the default) or {@code -1,1}, the range the output is clamped to and mapped back to
 * 0..255 from.
 */
public record ModelSettings(int width, int height, float[] mean, float[] std, boolean symmetricOutput) {

    /** A model at the photo's size, without normalisation, with output in {@code [0, 1]}. */
    public static final ModelSettings NONE = new ModelSettings(0, 0, new float[] {0, 0, 0}, new float[] {1, 1, 1}, false);

    public ModelSettings {
        if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
            throw new IllegalArgumentException("width and height must both be positive, or both absent; were "
                    + width + " and " + height);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need one value per RGB channel");
        }
        for (float deviation : std) {
            if (!(deviation > 0)) {
                throw new IllegalArgumentException("std must be positive, was " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Reads the settings through {@code property} (e.g. {@code Model::getProperty}), which answers null for an absent key. */
    public static ModelSettings read(Function<String, String> property) {
        return new ModelSettings(
                size(property, "width"),
                size(property, "height"),
                perChannel(property, "mean", NONE.mean),
                perChannel(property, "std", NONE.std),
                symmetric(property.apply("output.range")));
    }

    /** Whether photos are resized to the model's input size. */
    public boolean resizes() {
        return width > 0;
    }

    /** Whether the pixels are normalised before the model sees them. */
    public boolean normalises() {
        return !Arrays.equals(mean, NONE.mean) || !Arrays.equals(std, NONE.std);
    }

    /** The width and height of the input tensor for {@code photo}. */
    public Dimension inputSize(BufferedImage photo) {
        return resizes() ? new Dimension(width, height) : new Dimension(photo.getWidth(), photo.getHeight());
    }

    /** The size that a photo of this size is scaled to inside the input size, keeping its aspect ratio. */
    public Dimension fittedSize(int photoWidth, int photoHeight) {
        if (!resizes()) {
            return new Dimension(photoWidth, photoHeight);
        }
        double scale = Math.min((double) width / photoWidth, (double) height / photoHeight);
        return new Dimension(
                Math.clamp(Math.round(photoWidth * scale), 1, width),
                Math.clamp(Math.round(photoHeight * scale), 1, height));
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    private static int size(Function<String, String> property, String key) {
        String value = property.apply(key);
        if (value == null) {
            return 0;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size < 1) {
                throw new IllegalArgumentException(key + " must be positive, was " + value);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of pixels, was " + value, e);
        }
    }

    private static float[] perChannel(Function<String, String> property, String key, float[] absent) {
        String value = property.apply(key);
        if (value == null) {
            return absent;
        }
        String[] parts = value.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException(key + " must be three numbers, for R, G and B, was " + value);
        }
        float[] channels = new float[3];
        try {
            for (int c = 0; c < 3; c++) {
                channels[c] = Float.parseFloat(parts[c].strip());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be three numbers, for R, G and B, was " + value, e);
        }
        return channels;
    }

    private static boolean symmetric(String range) {
        if (range == null) {
            return false;
        }
        return switch (range.replace(" ", "")) {
            case "0,1" -> false;
            case "-1,1" -> true;
            default -> throw new IllegalArgumentException("output.range must be 0,1 or -1,1, was " + range);
        };
    }
}
