package io.photobooth.filter;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * The contract of every filter model: RGB in {@code [0, 1]} as float32 {@code [1, 3, H, W]} in, the
 * same shape out. Pixels are quantised back to 8 bits with rounding.
 */
public class ImageToImageTranslator implements NoBatchifyTranslator<BufferedImage, BufferedImage> {

    @Override
    public NDList processInput(TranslatorContext ctx, BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        ByteBuffer rgb = ByteBuffer.allocateDirect(argb.length * 3);
        for (int pixel : argb) {
            rgb.put((byte) (pixel >> 16)).put((byte) (pixel >> 8)).put((byte) pixel);
        }
        rgb.flip();
        NDArray hwc = ctx.getNDManager().create(rgb, new Shape(height, width, 3), DataType.UINT8);
        NDArray nchw = hwc.toType(DataType.FLOAT32, false).div(255f).transpose(2, 0, 1).expandDims(0);
        return new NDList(nchw);
    }

    @Override
    public BufferedImage processOutput(TranslatorContext ctx, NDList list) {
        NDArray hwc = list.singletonOrThrow().squeeze(0).transpose(1, 2, 0)
                .mul(255f).add(0.5f).clip(0, 255).toType(DataType.UINT8, false);
        Shape shape = hwc.getShape();
        int height = (int) shape.get(0);
        int width = (int) shape.get(1);
        byte[] rgb = hwc.toByteArray();
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | rgb[3 * i + 2] & 0xff;
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        return image;
    }
}
