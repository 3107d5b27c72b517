package dev.hpo.runner.data;

/** A known dataset whose files are missing or unreadable on this runner; the message says how to fix it. */
public class DatasetUnavailableException extends RuntimeException {

    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
