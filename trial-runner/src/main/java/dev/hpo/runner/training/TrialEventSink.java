package dev.hpo.runner.training;

import dev.hpo.protocol.TrialEvent;

/** Where a runner reports what happens to its trials. */
public interface TrialEventSink {

    /**
     * Returns once the event is stored, so that the events of one trial arrive in the order they were sent.
     *
     * @throws EventPublishingException when the event could not be stored
     */
    void publish(TrialEvent event);
}
