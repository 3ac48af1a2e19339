package io.photobooth.filter;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;

/**
 * One concept's TorchScript model, run by DJL's PyTorch engine: an encoded photo in, the filtered
 * photo out, upright, as JPEG of the same size. The model is loaded once; each call uses its own predictor.
 */
public final class ImageFilter implements AutoCloseable {

    private static final float JPEG_QUALITY = 0.92f;

    private final ZooModel<BufferedImage, BufferedImage> model;
    private final PhotoDecoder decoder;

    private ImageFilter(ZooModel<BufferedImage, BufferedImage> model, PhotoDecoder decoder) {
        this.model = model;
        this.decoder = decoder;
    }

    /**
     * Loads {@code <modelDir>/<modelDir name>.pt}, described by the folder's serving.properties;
     * uploads are decoded by {@code decoder}.
     */
    public static ImageFilter load(Path modelDir, PhotoDecoder decoder) {
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("no model folder at " + modelDir.toAbsolutePath());
        }
        Criteria<BufferedImage, BufferedImage> criteria = Criteria.builder()
                .setTypes(BufferedImage.class, BufferedImage.class)
                .optModelPath(modelDir)
                .optEngine("PyTorch")
                .optTranslator(new ImageToImageTranslator())
                .build();
        try {
            return new ImageFilter(criteria.loadModel(), decoder);
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("cannot load the model in " + modelDir.toAbsolutePath(), e);
        }
    }

    public String name() {
        return model.getName();
    }

    /** Filters an encoded photo (JPEG or PNG), upright; refuses an unusable one with {@link UnusablePhotoException}. */
    public byte[] apply(byte[] encoded) {
        return encodeJpeg(apply(decoder.decode(encoded)));
    }

    public BufferedImage apply(BufferedImage image) {
        try (Predictor<BufferedImage, BufferedImage> predictor = model.newPredictor()) {
            return predictor.predict(image);
        } catch (TranslateException e) {
            throw new IllegalStateException("the " + name() + " model failed", e);
        }
    }

    static byte[] encodeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        model.close();
    }
}
