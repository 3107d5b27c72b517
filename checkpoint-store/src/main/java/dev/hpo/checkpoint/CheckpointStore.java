package dev.hpo.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Where trial checkpoints live, addressed by references such as {@code <studyId>/<trialId>/epoch-0004.ckpt}
 * (see {@link CheckpointReferences}). A trial may resume on any runner, so every runner of a study must see the
 * same store.
 * <p>
 * Every method checks its reference or prefix with {@link CheckpointReferences} before it touches the storage and
 * throws {@link IllegalArgumentException} for one that is not a safe relative path.
 */
public interface CheckpointStore extends AutoCloseable {

    /** Writes a checkpoint's bytes to the stream it is given. */
    @FunctionalInterface
    interface Content {

        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores a checkpoint atomically: readers see either the previous content or all of the new one, never a part.
     *
     * @throws IOException when it cannot be written; nothing is left behind
     */
    void write(String reference, Content content) throws IOException;

    /**
     * Opens a stored checkpoint; the caller closes the stream.
     *
     * @throws CheckpointNotFoundException when nothing is stored under the reference
     * @throws IOException                 when it cannot be read
     */
    InputStream open(String reference) throws IOException;

    /** Whether something is stored under the reference. */
    boolean exists(String reference) throws IOException;

    /** Deletes what is stored under the reference; a reference with nothing stored under it is no error. */
    void delete(String reference) throws IOException;

    /**
     * Deletes everything stored under a prefix, such as a trial's {@code <studyId>/<trialId>/} (see
     * {@link CheckpointReferences#trialPrefix}).
     *
     * @param prefix matched as the start of references, as in object stores: {@code s1/t1/} matches
     *               {@code s1/t1/epoch-0004.ckpt} but not {@code s1/t10/epoch-0004.ckpt}, while {@code s1/t1} matches
     *               both
     * @return how many stored references were deleted
     */
    int deleteAll(String prefix) throws IOException;

    /** The references stored under a prefix (matched as in {@link #deleteAll}), sorted. */
    List<String> list(String prefix) throws IOException;

    /** Where the store keeps its checkpoints, in words, for messages. */
    String location();

    /** Releases what the store holds open, such as connections; the store cannot be used afterwards. */
    @Override
    default void close() {
    }
}
