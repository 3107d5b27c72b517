package dev.hpo.runner.training;

import java.util.Optional;

/**
 * Asked by the trainer between batches whether to stop now, and after each epoch before the target whether to
 * suspend: end with a checkpoint of that epoch, to be resumed elsewhere.
 */
@FunctionalInterface
public interface StopSignal {

    StopSignal NEVER = Optional::empty;

    /** Why to stop, or empty to go on. Called once per batch: keep it cheap. */
    Optional<String> stopReason();

    /** Why to end after the epoch just completed, with its checkpoint, or empty to go on. Called once per epoch. */
    default Optional<String> suspendReason() {
        return Optional.empty();
    }
}
