package dev.hpo.runner.training;

/**
 * An event could not be delivered. Not a training failure: reporting it as a {@code Failed} event would most likely
 * fail the same way, so it ends the handling of the request instead.
 */
public class EventPublishingException extends RuntimeException {

    public EventPublishingException(String message, Throwable cause) {
        super(message, cause);
    }
}
