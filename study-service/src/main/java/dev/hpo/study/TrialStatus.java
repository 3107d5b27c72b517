package dev.hpo.study;

/** Where a trial is in its life; see ARCHITECTURE.md, "Trial lifecycle". */
public enum TrialStatus {
    /** Requested; waiting for a runner. */
    QUEUED,
    RUNNING,
    /** Reached a rung below the study's maximum epochs; waits for a promotion decision. */
    PAUSED,
    COMPLETED,
    /** Stopped early by a stopping rule. */
    PRUNED,
    FAILED;

    /** True once the trial will train no more. */
    public boolean finished() {
        return this == COMPLETED || this == PRUNED || this == FAILED;
    }

    /** True while the trial holds or waits for a runner. */
    public boolean inFlight() {
        return this == QUEUED || this == RUNNING;
    }
}
