package io.photobooth.filter;

import java.time.Duration;

import ai.djl.Device;
import ai.djl.engine.Engine;

import io.photobooth.catalogue.PhotoboothProperties.Generator;

/**
 * How a generator runs its models: {@code predictors} per model, batches of up to {@code maxBatch}
 * photos that wait at most {@code maxBatchWait} to fill, on {@code device}.
 */
public record InferenceOptions(int predictors, int maxBatch, Duration maxBatchWait, Device device) {

    static final String ENGINE = "PyTorch";

    public InferenceOptions {
        if (predictors < 1 || maxBatch < 1 || maxBatchWait.isNegative()) {
            throw new IllegalArgumentException("predictors and max-batch must be at least 1, max-batch-wait not negative");
        }
    }

    public static InferenceOptions of(Generator generator) {
        return new InferenceOptions(generator.predictors(), generator.maxBatch(), generator.maxBatchWait(),
                device(generator.device()));
    }

    /**
     * The DJL device of {@code photobooth.generator.device}: {@code cpu}, or {@code gpu} where the
     * PyTorch engine sees one; its CUDA natives replace the CPU natives of the build (see
     * docs/operations.md, Models).
     */
    public static Device device(String name) {
        return switch (name) {
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (Engine.getEngine(ENGINE).getGpuCount() == 0) {
                    throw new IllegalStateException("photobooth.generator.device is gpu, but the PyTorch engine sees no"
                            + " GPU: its natives are the CPU build (pytorch-native-cpu) or CUDA finds no device;"
                            + " install the CUDA natives (docs/operations.md, Models) or set the device to cpu");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("photobooth.generator.device must be cpu or gpu, was " + name);
        };
    }
}
