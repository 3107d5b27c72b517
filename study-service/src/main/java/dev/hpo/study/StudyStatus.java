package dev.hpo.study;

/** Where a study is in its life. */
public enum StudyStatus {
    RUNNING,
    COMPLETED,
    /** Stopped by a user before its budget was spent. */
    CANCELLED
}
