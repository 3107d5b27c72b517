package dev.hpo.runner.data;

import java.util.List;

/**
 * A dataset divided for training.
 *
 * @param train      what the model learns from
 * @param validation what each epoch is measured on (for Fashion-MNIST and MNIST, their 10,000 test images)
 * @param classes    number of label values
 * @param shape      the shape of one sample: {@code [features]} for tabular data, {@code [channels, height, width]}
 *                   for images ({@code [1, 28, 28]} for the MNIST family); its product is the features per sample
 */
public record DatasetSplits(LabeledImages train, LabeledImages validation, int classes, List<Integer> shape) {

    public DatasetSplits {
        shape = List.copyOf(shape);
        long size = shape.stream().mapToLong(Integer::longValue).reduce(1, Math::multiplyExact);
        if (shape.isEmpty() || shape.stream().anyMatch(d -> d < 1) || size != train.featuresPerImage()
                || size != validation.featuresPerImage()) {
            throw new IllegalArgumentException("sample shape " + shape + " does not fit " + train.featuresPerImage()
                    + " training and " + validation.featuresPerImage() + " validation features per sample");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a classification dataset needs at least 2 classes, has " + classes);
        }
    }

    /** Flat samples: the shape is {@code [features]}. */
    public DatasetSplits(LabeledImages train, LabeledImages validation, int classes) {
        this(train, validation, classes, List.of(train.featuresPerImage()));
    }

    /** The same dataset with only the first {@code limit} training samples (all of them when there are fewer). */
    public DatasetSplits firstTraining(int limit) {
        return new DatasetSplits(train.first(limit), validation, classes, shape);
    }

    /** The same dataset with only the first {@code limit} validation samples; for tests and quick runs. */
    public DatasetSplits firstValidation(int limit) {
        return new DatasetSplits(train, validation.first(limit), classes, shape);
    }
}
