package dev.hpo.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest extends CheckpointStoreContract {

    @TempDir
    Path root;

    @Override
    CheckpointStore emptyStore() {
        return new FileCheckpointStore(root);
    }

    @Override
    List<String> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString())
                    .filter(name -> name.endsWith(".tmp"))
                    .toList();
        }
    }

    @Test
    void storesUnderTheReferenceRelativeToTheRoot() throws IOException {
        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("two epochs")));

        assertEquals("two epochs", Files.readString(root.resolve("s1/t1/epoch-0002.ckpt")));
    }

    @Test
    void aMissingCheckpointIsReportedWithTheDirectoryAndTheSharingRule() {
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
        FileCheckpointStore nested = new FileCheckpointStore(root.resolve("checkpoints"));

        assertThrows(IllegalArgumentException.class, () -> nested.open("../secret"));
        assertThrows(IllegalArgumentException.class, () -> nested.open(outside.toString()));
        assertThrows(IllegalArgumentException.class, () -> nested.write("../evil.ckpt", out -> out.write(1)));
        assertThrows(IllegalArgumentException.class, () -> nested.deleteAll("../"));
        assertFalse(Files.exists(root.resolve("evil.ckpt")));
        assertTrue(Files.exists(outside));
    }

    @Test
    void deleteAllRemovesTheDirectoriesItEmptiesButNotTheRoot() throws IOException {
        store.write("s1/t1/epoch-0001.ckpt", out -> out.write(1));
        store.write("s1/t2/epoch-0001.ckpt", out -> out.write(1));
        store.write("s2/t1/epoch-0001.ckpt", out -> out.write(1));

        assertEquals(1, store.deleteAll("s1/t1/"));
        assertFalse(Files.exists(root.resolve("s1/t1")));
        assertTrue(Files.isDirectory(root.resolve("s1/t2")));

        assertEquals(1, store.deleteAll("s1/"));
        assertFalse(Files.exists(root.resolve("s1")));
        assertEquals(1, store.deleteAll("s"));
        assertEquals(List.of(), fileNames(root));
    }

    @Test
    void temporaryFilesLeftByAKilledWriterAreNotListedAndAreDeletedUncounted() throws IOException {
        store.write("s1/t1/epoch-0001.ckpt", out -> out.write(1));
        Files.writeString(root.resolve("s1/t1/.epoch-0002.ckpt.0b5e7f3c.tmp"), "half a checkpoint");

        assertEquals(List.of("s1/t1/epoch-0001.ckpt"), store.list("s1/t1/"));
        assertEquals(1, store.deleteAll("s1/t1/"));
        assertFalse(Files.exists(root.resolve("s1/t1")));
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
