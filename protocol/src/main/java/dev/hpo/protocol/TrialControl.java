package dev.hpo.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What study-service tells runners about trials they may hold, on {@link Topics#TRIAL_CONTROL}; every runner reads
 * every message and acts on the trials it holds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrialControl.Stop.class, name = "Stop")
})
public sealed interface TrialControl {

    String trialId();

    int attempt();

    /** Stop training this attempt of the trial as soon as possible; what it has trained is not needed. */
    record Stop(String trialId, int attempt, String reason) implements TrialControl {
    }
}
