package dev.hpo.study.service;

/** The request does not fit the study's state (cancelling a finished study) or the service's limits. */
public class StudyConflictException extends RuntimeException {

    private final int status;

    public StudyConflictException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
