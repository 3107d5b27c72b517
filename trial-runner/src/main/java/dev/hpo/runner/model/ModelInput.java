package dev.hpo.runner.model;

import java.util.Objects;

import ai.djl.ndarray.types.Shape;

/**
 * What a {@link ModelBuilder} builds for: the shape of one sample, without the batch dimension, and the number of
 * classes.
 *
 * @param shape   {@code (features)} for tabular data, {@code (channels, height, width)} for images, e.g.
 *                {@code (1, 28, 28)} for Fashion-MNIST
 * @param classes how many logits the network returns per sample
 */
public record ModelInput(Shape shape, int classes) {

    public ModelInput {
        Objects.requireNonNull(shape, "shape");
        if (shape.dimension() < 1 || shape.size() < 1 || shape.getShape().length != shape.dimension()) {
            throw new IllegalArgumentException("a sample needs at least one feature, was " + shape);
        }
        for (long dimension : shape.getShape()) {
            if (dimension < 1) {
                throw new IllegalArgumentException("every dimension of a sample must be >= 1, was " + shape);
            }
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, was " + classes);
        }
    }

    /** Flat samples of {@code features} values. */
    public static ModelInput features(long features, int classes) {
        return new ModelInput(new Shape(features), classes);
    }

    /** Images of {@code channels x height x width}. */
    public static ModelInput image(long channels, long height, long width, int classes) {
        return new ModelInput(new Shape(channels, height, width), classes);
    }

    /** Values per sample: the product of the shape. */
    public long features() {
        return shape.size();
    }

    /** Whether a sample is an image: {@code (channels, height, width)}. */
    public boolean isImage() {
        return shape.dimension() == 3;
    }

    public long channels() {
        return imageDimension(0);
    }

    public long height() {
        return imageDimension(1);
    }

    public long width() {
        return imageDimension(2);
    }

    private long imageDimension(int axis) {
        if (!isImage()) {
            throw new IllegalStateException("samples of shape " + shape + " are not images");
        }
        return shape.get(axis);
    }
}
