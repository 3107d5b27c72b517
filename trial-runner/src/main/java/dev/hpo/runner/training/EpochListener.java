package dev.hpo.runner.training;

import java.util.Map;

/** Told about each epoch as soon as it is measured. */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch   1-based number of the epoch just completed
     * @param metrics {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}
     * @param seconds wall time of the epoch, validation included
     */
    void epochCompleted(int epoch, Map<String, Double> metrics, double seconds);

    /**
     * The state after an epoch before the target one, saved before that epoch is reported, so a trial whose runner
     * is lost resumes from its last reported epoch and no epoch is stored twice.
     */
    default void epochCheckpoint(TrainingCheckpoint checkpoint) {
    }
}
