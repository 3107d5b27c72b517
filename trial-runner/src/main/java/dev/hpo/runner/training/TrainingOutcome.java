package dev.hpo.runner.training;

/** How a training run ended, when it did not fail. */
public sealed interface TrainingOutcome {

    /** Epochs completed when training ended. */
    int epochs();

    /**
     * The target epoch was reached.
     *
     * @param checkpoint    the state after the target epoch, to save and resume from
     * @param djlParameters the model's parameters as DJL saves them, for the model archive (see
     *                      {@link ModelArchive})
     */
    record Completed(int epochs, TrainingCheckpoint checkpoint, byte[] djlParameters) implements TrainingOutcome {
    }

    /** A stop was requested; training ended between two batches, after {@code epochs} whole epochs. */
    record Stopped(int epochs, String reason) implements TrainingOutcome {
    }

    /**
     * A suspension was requested; training ended after epoch {@code epochs}, before the target.
     *
     * @param checkpoint the state after {@code epochs}, to save and resume from
     */
    record Suspended(int epochs, TrainingCheckpoint checkpoint, String reason) implements TrainingOutcome {
    }
}
