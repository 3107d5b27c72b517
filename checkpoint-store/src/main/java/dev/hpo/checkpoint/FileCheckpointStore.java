package dev.hpo.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Keeps checkpoints as files under one root directory: reference {@code s1/t7/epoch-0004.ckpt} is the file
 * {@code <root>/s1/t7/epoch-0004.ckpt}. On Kubernetes the root is a volume shared by all runners of a study.
 * <p>
 * A write goes to a temporary file beside the target, is forced to disk, and is then renamed over the target in
 * one atomic step, so a reader (or a runner that crashed half-way) never sees a partial checkpoint. Such hidden
 * temporary files ({@code .<name>.<uuid>.tmp}) are not listed, and {@link #deleteAll} removes them with the rest
 * (without counting them), as well as the directories it empties.
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
    public boolean exists(String reference) {
        return Files.isRegularFile(resolve(reference));
    }

    @Override
    public void delete(String reference) throws IOException {
        Path file = resolve(reference);
        if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public int deleteAll(String prefix) throws IOException {
        List<Path> directories = new ArrayList<>();
        int deleted = 0;
        for (Path path : under(prefix)) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                directories.add(path);
            } else if (Files.deleteIfExists(path) && !isTemporary(path)) {
                deleted++;
            }
        }
        // the walk lists a directory before its contents, so in reverse each comes after them
        for (int i = directories.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(directories.get(i));
            } catch (DirectoryNotEmptyException e) {
                // a checkpoint was written into it meanwhile; it stays
            }
        }
        return deleted;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> references = new ArrayList<>();
        for (Path path : under(prefix)) {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !isTemporary(path)) {
                references.add(reference(path));
            }
        }
        return references.stream().sorted().toList();
    }

    @Override
    public String location() {
        return "directory " + root;
    }

    /** The file of a reference; a reference that would leave the root directory is refused. */
    private Path resolve(String reference) {
        return within(CheckpointReferences.validate(reference), reference);
    }

    /**
     * The files and directories whose references start with the prefix, directories included when their reference
     * followed by {@code /} does, in the order of a walk (a directory before its contents).
     */
    private List<Path> under(String prefix) throws IOException {
        CheckpointReferences.validatePrefix(prefix);
        int lastSlash = prefix.lastIndexOf('/');
        Path base = lastSlash < 0 ? root : within(prefix.substring(0, lastSlash), prefix);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(base)) {
            return paths.filter(path -> !path.equals(root))
                    .filter(path -> {
                        String reference = reference(path);
                        return reference.startsWith(prefix)
                                || Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                                && (reference + "/").startsWith(prefix);
                    })
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Path within(String relative, String reference) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("checkpoint reference '" + reference + "' points outside " + root);
        }
        return path;
    }

    private String reference(Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    private static boolean isTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(TEMPORARY_SUFFIX);
    }
}
