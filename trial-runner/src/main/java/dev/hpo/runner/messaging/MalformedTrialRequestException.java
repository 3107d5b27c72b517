package dev.hpo.runner.messaging;

/** A record on the trial-requests topic that is not a valid trial request; it goes to the dead-letter topic. */
public class MalformedTrialRequestException extends RuntimeException {

    public MalformedTrialRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
