package dev.hpo.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a runner reports about a trial, on {@link Topics#TRIAL_EVENTS}, keyed by trial id.
 * Every event names the trial, the attempt it belongs to and the runner that sent it, so that
 * study-service can recognise events of an attempt it has already given up on.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrialEvent.Started.class, name = "Started"),
        @JsonSubTypes.Type(value = TrialEvent.EpochCompleted.class, name = "EpochCompleted"),
        @JsonSubTypes.Type(value = TrialEvent.Checkpointed.class, name = "Checkpointed"),
        @JsonSubTypes.Type(value = TrialEvent.Completed.class, name = "Completed"),
        @JsonSubTypes.Type(value = TrialEvent.Stopped.class, name = "Stopped"),
        @JsonSubTypes.Type(value = TrialEvent.Failed.class, name = "Failed"),
        @JsonSubTypes.Type(value = TrialEvent.Heartbeat.class, name = "Heartbeat")
})
public sealed interface TrialEvent {

    String trialId();

    int attempt();

    String runnerId();

    /** Training began (or resumed) on a runner. */
    record Started(String trialId, int attempt, String runnerId, String device) implements TrialEvent {
    }

    /**
     * One epoch finished.
     *
     * @param epoch      1-based number of the epoch just completed
     * @param metrics    {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy} and any other metric
     * @param seconds    wall time of the epoch, evaluation included
     * @param checkpoint the state after this epoch, saved before it was reported, or {@code null}; carried in the
     *                   same event so that a reported epoch and its checkpoint arrive together or not at all
     */
    record EpochCompleted(String trialId, int attempt, String runnerId, int epoch, Map<String, Double> metrics,
            double seconds, String checkpoint) implements TrialEvent {

        public EpochCompleted {
            metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }

        public EpochCompleted(String trialId, int attempt, String runnerId, int epoch, Map<String, Double> metrics,
                double seconds) {
            this(trialId, attempt, runnerId, epoch, metrics, seconds, null);
        }
    }

    /**
     * The trial's state after {@code epoch} is saved: model parameters, optimiser state and schedule position.
     *
     * @param checkpoint reference to pass back in a {@link TrialRequest} to resume from here
     */
    record Checkpointed(String trialId, int attempt, String runnerId, int epoch, String checkpoint)
            implements TrialEvent {
    }

    /** The trial reached its target epoch. */
    record Completed(String trialId, int attempt, String runnerId, int epochs) implements TrialEvent {
    }

    /** The runner obeyed a stop request after {@code epochs} completed epochs. */
    record Stopped(String trialId, int attempt, String runnerId, int epochs, String reason) implements TrialEvent {
    }

    /** Training could not go on; {@code reason} says why in words a user can act on. */
    record Failed(String trialId, int attempt, String runnerId, String reason) implements TrialEvent {
    }

    /** The runner still holds the trial. */
    record Heartbeat(String trialId, int attempt, String runnerId) implements TrialEvent {
    }
}
