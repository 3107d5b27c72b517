package dev.hpo.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {

    @TempDir
    Path root;

    @Test
    void storesUnderTheReferenceRelativeToTheRoot() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(root);

        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("two epochs")));

        assertEquals("two epochs", Files.readString(root.resolve("s1/t1/epoch-0002.ckpt")));
        assertArrayEquals(bytes("two epochs"), read(store, "s1/t1/epoch-0002.ckpt"));
    }

    @Test
    void replacesAnEarlierCheckpointWholeAndLeavesNoTemporaryFiles() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(root);
        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("first")));

        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("second, longer")));

        assertArrayEquals(bytes("second, longer"), read(store, "s1/t1/epoch-0002.ckpt"));
        assertEquals(List.of("epoch-0002.ckpt"), fileNames(root.resolve("s1/t1")));
    }

    @Test
    void aWriteThatFailsHalfWayLeavesNeitherTheTargetNorATemporaryFile() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(root);

        IOException error = assertThrows(IOException.class, () -> store.write("s1/t1/epoch-0003.ckpt", out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));

        assertEquals("disk full", error.getMessage());
        assertEquals(List.of(), fileNames(root.resolve("s1/t1")));
    }

    @Test
    void aFailedRewriteKeepsThePreviousContent() throws IOException {
        FileCheckpointStore store = new FileCheckpointStore(root);
        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("intact")));

        assertThrows(IllegalStateException.class, () -> store.write("s1/t1/epoch-0002.ckpt", out -> {
            out.write(bytes("partial"));
            throw new IllegalStateException("serialiser bug");
        }));

        assertArrayEquals(bytes("intact"), read(store, "s1/t1/epoch-0002.ckpt"));
    }

    @Test
    void aMissingCheckpointIsReportedWithTheDirectoryAndTheSharingRule() {
        FileCheckpointStore store = new FileCheckpointStore(root);

        CheckpointNotFoundException error = assertThrows(CheckpointNotFoundException.class,
                () -> store.open("s1/t1/epoch-0009.ckpt"));

        assertTrue(error.getMessage().contains("checkpoint 's1/t1/epoch-0009.ckpt' not found in directory " + root),
                error.getMessage());
        assertTrue(error.getMessage().contains("all runners of a study must share this directory"),
                error.getMessage());
    }

    @Test
    void refusesReferencesThatLeaveTheRootBeforeTouchingTheFileSystem() throws IOException {
        Path outside = Files.writeString(root.resolve("secret"), "x");
        FileCheckpointStore store = new FileCheckpointStore(root.resolve("checkpoints"));

        assertThrows(IllegalArgumentException.class, () -> store.open("../secret"));
        assertThrows(IllegalArgumentException.class, () -> store.open(outside.toString()));
        assertThrows(IllegalArgumentException.class, () -> store.write("../evil.ckpt", out -> out.write(1)));
        assertFalse(Files.exists(root.resolve("evil.ckpt")));
    }

    private static byte[] read(CheckpointStore store, String reference) throws IOException {
        try (InputStream in = store.open(reference)) {
            return in.readAllBytes();
        }
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
