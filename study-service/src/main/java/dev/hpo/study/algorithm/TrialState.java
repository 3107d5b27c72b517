package dev.hpo.study.algorithm;

/** A trial's state as algorithms see it: three states are all a scheduling decision needs. */
public enum TrialState {
    /** Queued or training: it will report more epochs. */
    ACTIVE,
    /** Reached its target epoch below the study's maximum and waits; it can be resumed to a later epoch. */
    PAUSED,
    /** Completed, stopped, not promoted or failed: it will train no more. */
    FINISHED
}
