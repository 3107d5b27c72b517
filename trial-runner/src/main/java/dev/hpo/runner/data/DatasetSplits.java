package dev.hpo.runner.data;

/**
 * A dataset divided for training.
 *
 * @param train      what the model learns from
 * @param validation what each epoch is measured on (for Fashion-MNIST, its 10,000 test images)
 * @param classes    number of label values
 */
public record DatasetSplits(LabeledImages train, LabeledImages validation, int classes) {
}
