package dev.hpo.protocol;

import java.time.Instant;

/**
 * A change in a study that pages showing it should reflect, on {@link Topics#STUDY_EVENTS}, keyed by study id.
 * It names what changed, not the new state: consumers read the state from study-service's REST API, so a lost or
 * repeated event costs at most one extra read.
 *
 * @param kind    {@code StudyCreated}, {@code StudyCompleted}, {@code TrialChanged} (a status change) or
 *                {@code EpochReported}
 * @param trialId the trial concerned, or {@code null} for study-level changes
 * @param epoch   the reported epoch for {@code EpochReported}, else {@code null}
 */
public record StudyEvent(String kind, String studyId, String trialId, Integer epoch, Instant at) {

    public static final String STUDY_CREATED = "StudyCreated";
    public static final String STUDY_COMPLETED = "StudyCompleted";
    public static final String TRIAL_CHANGED = "TrialChanged";
    public static final String EPOCH_REPORTED = "EpochReported";
}
