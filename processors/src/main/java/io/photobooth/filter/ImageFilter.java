package io.photobooth.filter;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One concept's TorchScript model, run by DJL's PyTorch engine: an encoded photo in, the filtered
 * photo out, upright, as JPEG of the same size. The model is loaded once and warmed up with one
 * inference; concurrent calls are batched ({@link BatchingFilter}) and run on a small pool of
 * predictors ({@link PredictorPool}).
 */
public final class ImageFilter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFilter.class);
    private static final float JPEG_QUALITY = 0.92f;
    /** The side of the warm-up image of a model that runs at the photo's size. */
    private static final int WARM_UP_SIDE = 256;

    private final ZooModel<NDList, NDList> model;
    private final ModelSettings settings;
    private final PredictorPool predictors;
    private final BatchingFilter batches;
    private final PhotoDecoder decoder;

    private ImageFilter(ZooModel<NDList, NDList> model, ModelSettings settings, PhotoDecoder decoder,
            InferenceOptions options) {
        this.model = model;
        this.settings = settings;
        this.decoder = decoder;
        this.predictors = new PredictorPool(model, new ImageToImageTranslator(settings), options.predictors());
        this.batches = new BatchingFilter(options.maxBatch(), options.maxBatchWait(), settings::inputSize,
                this::forward);
    }

    /**
     * Loads {@code <modelDir>/<model name>.pt} on the options' device, described by the folder's
     * serving.properties (see {@link ModelSettings}), and warms it up; uploads are decoded by {@code decoder}.
     */
    public static ImageFilter load(Path modelDir, PhotoDecoder decoder, InferenceOptions options) {
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("no model folder at " + modelDir.toAbsolutePath());
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelDir)
                .optEngine(InferenceOptions.ENGINE)
                .optDevice(options.device())
                .optTranslator(new NoopTranslator())
                .build();
        long start = System.nanoTime();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (IOException | ModelNotFoundException | MalformedModelException e) {
            throw new IllegalStateException("cannot load the model in " + modelDir.toAbsolutePath(), e);
        }
        try {
            ImageFilter filter = new ImageFilter(model, settings(modelDir, model), decoder, options);
            long loaded = System.nanoTime();
            filter.warmUp();
            LOG.info("Model {} loaded from {} on {} in {} ms, warmed up in {} ms; {} predictors, batches of up to {}"
                    + " waiting at most {} ms", model.getName(), modelDir, options.device(), (loaded - start) / 1_000_000,
                    (System.nanoTime() - loaded) / 1_000_000, options.predictors(), options.maxBatch(),
                    options.maxBatchWait().toMillis());
            return filter;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static ModelSettings settings(Path modelDir, ZooModel<NDList, NDList> model) {
        try {
            return ModelSettings.read(model::getProperty);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(modelDir.resolve("serving.properties").toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    public String name() {
        return model.getName();
    }

    /** Filters an encoded photo (JPEG or PNG), upright; refuses an unusable one with {@link UnusablePhotoException}. */
    public byte[] apply(byte[] encoded) {
        return encodeJpeg(apply(decoder.decode(encoded)));
    }

    /** Filters a photo, in one batch with the concurrent calls whose photos have the same input size. */
    public BufferedImage apply(BufferedImage image) {
        return batches.apply(image);
    }

    /** One inference on a black image, so that the first photo does not pay for the engine's first call. */
    private void warmUp() {
        int width = settings.resizes() ? settings.width() : WARM_UP_SIDE;
        int height = settings.resizes() ? settings.height() : WARM_UP_SIDE;
        forward(List.of(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB)));
    }

    private List<BufferedImage> forward(List<BufferedImage> photos) {
        try {
            return predictors.batchPredict(photos);
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
        predictors.close();
        model.close();
    }
}
