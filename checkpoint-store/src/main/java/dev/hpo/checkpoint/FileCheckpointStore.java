package dev.hpo.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Keeps checkpoints as files under one root directory: reference {@code s1/t7/epoch-0004.ckpt} is the file
 * {@code <root>/s1/t7/epoch-0004.ckpt}. On Kubernetes the root is a volume shared by all runners of a study.
 * <p>
 * A write goes to a temporary file beside the target, is forced to disk, and is then renamed over the target in
 * one atomic step, so a reader (or a runner that crashed half-way) never sees a partial checkpoint.
 */
public final class FileCheckpointStore implements CheckpointStore {

    private static final String TEMPORARY_SUFFIX = ".tmp";

    private final Path root;

    public FileCheckpointStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void write(String reference, Content content) throws IOException {
        Path target = resolve(reference);
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID()
                + TEMPORARY_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    @Override
    public InputStream open(String reference) throws IOException {
        Path file = resolve(reference);
        try {
            return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new CheckpointNotFoundException("checkpoint '" + reference + "' not found in " + location()
                    + " (all runners of a study must share this directory)");
        }
    }

    @Override
    public String location() {
        return "directory " + root + " (hpo.runner.checkpoint-dir)";
    }

    /** The file of a reference; a reference that would leave the root directory is refused. */
    Path resolve(String reference) {
        Path file = root.resolve(CheckpointReferences.validate(reference)).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("checkpoint reference '" + reference + "' points outside " + root);
        }
        return file;
    }
}
