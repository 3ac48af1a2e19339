package io.photobooth.filter;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;

/**
 * A fixed number of predictors of one model, each lent to one caller at a time (a DJL predictor is
 * not thread-safe); a caller waits while all are lent.
 */
final class PredictorPool implements AutoCloseable {

    private final List<Predictor<BufferedImage, BufferedImage>> all = new ArrayList<>();
    private final BlockingQueue<Predictor<BufferedImage, BufferedImage>> idle;

    PredictorPool(Model model, Translator<BufferedImage, BufferedImage> translator, int size) {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Predictor<BufferedImage, BufferedImage> predictor = model.newPredictor(translator);
            all.add(predictor);
            idle.add(predictor);
        }
    }

    /** Runs the photos, all of one input size, as one batch on the next idle predictor. */
    List<BufferedImage> batchPredict(List<BufferedImage> photos) throws TranslateException {
        Predictor<BufferedImage, BufferedImage> predictor;
        try {
            predictor = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a predictor", e);
        }
        try {
            return predictor.batchPredict(photos);
        } finally {
            idle.add(predictor);
        }
    }

    @Override
    public void close() {
        all.forEach(Predictor::close);
    }
}
