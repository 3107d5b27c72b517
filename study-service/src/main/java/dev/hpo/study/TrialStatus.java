package dev.hpo.study;

/** Where a trial is in its life; see ARCHITECTURE.md, "Trial lifecycle". */
public enum TrialStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED;

    /** True once the trial will train no more. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
