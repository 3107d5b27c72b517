package dev.hpo.checkpoint;

import java.nio.file.Path;

/**
 * What {@link CheckpointStores#open} needs to open a store, as a service reads it from its configuration.
 *
 * @param kind      which store
 * @param directory the root directory of a {@link Kind#FILE} store; ignored for S3
 * @param s3        the bucket and connection of an {@link Kind#S3} store; ignored for files
 */
public record CheckpointStoreSettings(Kind kind, Path directory, S3Settings s3) {

    /** The kinds of store; in configuration {@code file} and {@code s3}. */
    public enum Kind {
        /** A directory, shared by all runners of a study (see {@link FileCheckpointStore}). */
        FILE,
        /** A bucket of S3 or of an S3-compatible server (see {@link S3CheckpointStore}). */
        S3
    }

    /** A file store rooted at {@code directory}. */
    public static CheckpointStoreSettings file(Path directory) {
        return new CheckpointStoreSettings(Kind.FILE, directory, null);
    }

    /** An S3 store. */
    public static CheckpointStoreSettings s3(S3Settings s3) {
        return new CheckpointStoreSettings(Kind.S3, null, s3);
    }
}
