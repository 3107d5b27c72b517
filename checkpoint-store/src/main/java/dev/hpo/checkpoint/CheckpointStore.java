package dev.hpo.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where trial checkpoints live, addressed by references such as {@code <studyId>/<trialId>/epoch-0004.ckpt}
 * (see {@link CheckpointReferences}). A trial may resume on any runner, so every runner of a study must see the
 * same store.
 */
public interface CheckpointStore {

    /** Writes a checkpoint's bytes to the stream it is given. */
    @FunctionalInterface
    interface Content {

        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores a checkpoint atomically: readers see either the previous content or all of the new one, never a part.
     *
     * @throws IllegalArgumentException when the reference is not a safe relative path
     * @throws IOException              when it cannot be written; nothing is left behind
     */
    void write(String reference, Content content) throws IOException;

    /**
     * Opens a stored checkpoint; the caller closes the stream.
     *
     * @throws IllegalArgumentException    when the reference is not a safe relative path
     * @throws CheckpointNotFoundException when nothing is stored under the reference
     * @throws IOException                 when it cannot be read
     */
    InputStream open(String reference) throws IOException;

    /** Where the store keeps its checkpoints, in words, for messages. */
    String location();
}
