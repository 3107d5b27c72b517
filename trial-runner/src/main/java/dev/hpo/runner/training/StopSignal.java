package dev.hpo.runner.training;

import java.util.Optional;

/** Asked by the trainer between batches whether to stop now. */
@FunctionalInterface
public interface StopSignal {

    StopSignal NEVER = Optional::empty;

    /** Why to stop, or empty to go on. Called once per batch: keep it cheap. */
    Optional<String> stopReason();
}
