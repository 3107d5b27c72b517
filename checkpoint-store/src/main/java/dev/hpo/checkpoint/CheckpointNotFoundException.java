package dev.hpo.checkpoint;

import java.io.IOException;

/** Nothing is stored under a checkpoint reference. */
public class CheckpointNotFoundException extends IOException {

    public CheckpointNotFoundException(String message) {
        super(message);
    }
}
