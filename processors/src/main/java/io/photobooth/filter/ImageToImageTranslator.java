package io.photobooth.filter;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;

/**
 * The contract of every filter model: float32 RGB {@code [N, 3, H, W]} in, the same shape out, as
 * its {@link ModelSettings} describe them. Each photo becomes a {@code [3, H, W]} tensor, and a
 * batch of photos of one input size is stacked into one; each output is mapped back to 8 bits with
 * rounding and, where the model has its own input size, cropped and resized back to the photo's size.
 */
public class ImageToImageTranslator implements Translator<BufferedImage, BufferedImage> {

    private static final String PHOTO_SIZES = "photoSizes";

    private final ModelSettings settings;

    public ImageToImageTranslator(ModelSettings settings) {
        this.settings = settings;
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<BufferedImage> photos) throws Exception {
        ctx.setAttachment(PHOTO_SIZES, photos.stream().map(photo -> new Dimension(photo.getWidth(), photo.getHeight()))
                .toList());
        return Translator.super.batchProcessInput(ctx, photos);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, BufferedImage photo) {
        BufferedImage image = settings.resizes() ? fit(photo) : photo;
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        ByteBuffer rgb = ByteBuffer.allocateDirect(argb.length * 3);
        for (int pixel : argb) {
            rgb.put((byte) (pixel >> 16)).put((byte) (pixel >> 8)).put((byte) pixel);
        }
        rgb.flip();
        NDArray hwc = ctx.getNDManager().create(rgb, new Shape(height, width, 3), DataType.UINT8)
                .toType(DataType.FLOAT32, false).div(255f);
        if (settings.normalises()) {
            hwc = hwc.sub(ctx.getNDManager().create(settings.mean())).div(ctx.getNDManager().create(settings.std()));
        }
        return new NDList(hwc.transpose(2, 0, 1));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<BufferedImage> batchProcessOutput(TranslatorContext ctx, NDList batch) throws Exception {
        List<Dimension> sizes = (List<Dimension>) ctx.getAttachment(PHOTO_SIZES);
        List<BufferedImage> outputs = Translator.super.batchProcessOutput(ctx, batch);
        if (!settings.resizes()) {
            return outputs;
        }
        List<BufferedImage> restored = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            restored.add(restore(outputs.get(i), sizes.get(i)));
        }
        return restored;
    }

    @Override
    public BufferedImage processOutput(TranslatorContext ctx, NDList list) {
        NDArray output = list.singletonOrThrow().transpose(1, 2, 0);
        NDArray scaled = settings.symmetricOutput() ? output.add(1f).mul(127.5f) : output.mul(255f);
        NDArray hwc = scaled.add(0.5f).clip(0, 255).toType(DataType.UINT8, false);
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

    /** The photo scaled into the top left of a black image of the model's input size. */
    private BufferedImage fit(BufferedImage photo) {
        Dimension fitted = settings.fittedSize(photo.getWidth(), photo.getHeight());
        return scale(photo, fitted, settings.inputSize(photo));
    }

    /** The part of the model's output that holds the photo, scaled back to the photo's size. */
    private BufferedImage restore(BufferedImage output, Dimension photo) {
        Dimension fitted = settings.fittedSize(photo.width, photo.height);
        return scale(output.getSubimage(0, 0, fitted.width, fitted.height), photo, photo);
    }

    private static BufferedImage scale(BufferedImage image, Dimension size, Dimension canvas) {
        BufferedImage scaled = new BufferedImage(canvas.width, canvas.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = scaled.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(image, 0, 0, size.width, size.height, null);
        graphics.dispose();
        return scaled;
    }
}
