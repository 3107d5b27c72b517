package dev.hpo.runner.training;

/** A trial's checkpoint cannot be read, does not fit the request, or cannot be saved; the message says which. */
public class CheckpointUnavailableException extends RuntimeException {

    public CheckpointUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
