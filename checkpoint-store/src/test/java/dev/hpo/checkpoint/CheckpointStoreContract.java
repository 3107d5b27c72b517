package dev.hpo.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link CheckpointStore} does, written once; each store's test extends this and says how to make an
 * empty store and where its temporary files would be.
 */
abstract class CheckpointStoreContract {

    CheckpointStore store;

    /** A new store with nothing in it. */
    abstract CheckpointStore emptyStore() throws Exception;

    /** The temporary files the store has left, wherever it keeps them while it writes. */
    abstract List<String> temporaryFiles() throws IOException;

    /** How many checkpoints {@link #deleteAllDeletesMoreCheckpointsThanOneListingReturns} writes. */
    int moreThanOneListing() {
        return 25;
    }

    @BeforeEach
    void openEmptyStore() throws Exception {
        store = emptyStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void readsBackWhatItWroteByteForByte() throws IOException {
        byte[] checkpoint = new byte[300_000];
        new Random(7).nextBytes(checkpoint);

        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(checkpoint));

        assertArrayEquals(checkpoint, read("s1/t1/epoch-0002.ckpt"));
    }

    @Test
    void aRewriteReplacesTheWholeCheckpoint() throws IOException {
        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("first, and longer")));

        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("second")));

        assertArrayEquals(bytes("second"), read("s1/t1/epoch-0002.ckpt"));
        assertEquals(List.of("s1/t1/epoch-0002.ckpt"), store.list("s1/"));
    }

    @Test
    void aMissingCheckpointIsNotFoundNamingItAndTheStore() {
        CheckpointNotFoundException error = assertThrows(CheckpointNotFoundException.class,
                () -> store.open("s1/t1/epoch-0009.ckpt"));

        assertTrue(error.getMessage().contains("checkpoint 's1/t1/epoch-0009.ckpt' not found in " + store.location()),
                error.getMessage());
    }

    @Test
    void everyOperationRefusesUnsafeReferences() {
        for (String unsafe : List.of("../secret", "/etc/passwd", "s1//t1", "s1\\t1", "", "s1/t1/")) {
            assertRefused(() -> store.write(unsafe, out -> out.write(1)));
            assertRefused(() -> store.open(unsafe));
            assertRefused(() -> store.exists(unsafe));
            assertRefused(() -> store.delete(unsafe));
        }
        for (String unsafe : List.of("../", "/s1/", "s1//", "", "/")) {
            assertRefused(() -> store.deleteAll(unsafe));
            assertRefused(() -> store.list(unsafe));
        }
    }

    @Test
    void tellsWhetherACheckpointExists() throws IOException {
        store.write("s1/t1/epoch-0001.ckpt", out -> out.write(bytes("one")));

        assertTrue(store.exists("s1/t1/epoch-0001.ckpt"));
        assertFalse(store.exists("s1/t1/epoch-0002.ckpt"));
        assertFalse(store.exists("s1/t1"));
    }

    @Test
    void deletesACheckpoint() throws IOException {
        store.write("s1/t1/epoch-0001.ckpt", out -> out.write(bytes("one")));
        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("two")));

        store.delete("s1/t1/epoch-0001.ckpt");

        assertFalse(store.exists("s1/t1/epoch-0001.ckpt"));
        assertEquals(List.of("s1/t1/epoch-0002.ckpt"), store.list("s1/t1/"));
    }

    @Test
    void deletingWhatIsNotThereIsNoError() throws IOException {
        store.write("s1/t1/epoch-0001.ckpt", out -> out.write(bytes("one")));
        store.delete("s1/t1/epoch-0001.ckpt");

        store.delete("s1/t1/epoch-0001.ckpt");
        store.delete("s9/t9/epoch-0001.ckpt");

        assertFalse(store.exists("s1/t1/epoch-0001.ckpt"));
    }

    @Test
    void deleteAllUnderATrialPrefixDeletesOnlyThatTrialAndCountsWhatItDeleted() throws IOException {
        for (String reference : List.of("s1/t1/epoch-0001.ckpt", "s1/t1/epoch-0002.ckpt", "s1/t1/epoch-0002.model.zip",
                "s1/t10/epoch-0001.ckpt", "s1/t2/epoch-0001.ckpt", "s2/t1/epoch-0001.ckpt")) {
            store.write(reference, out -> out.write(bytes(reference)));
        }

        int deleted = store.deleteAll(CheckpointReferences.trialPrefix("s1", "t1"));

        assertEquals(3, deleted);
        assertEquals(List.of("s1/t10/epoch-0001.ckpt", "s1/t2/epoch-0001.ckpt"), store.list("s1/"));
        assertEquals(List.of("s2/t1/epoch-0001.ckpt"), store.list("s2/"));
    }

    @Test
    void deleteAllOfAPrefixWithNothingUnderItDeletesNothing() throws IOException {
        store.write("s1/t1/epoch-0001.ckpt", out -> out.write(bytes("one")));

        assertEquals(0, store.deleteAll("s1/t2/"));
        assertEquals(0, store.deleteAll("s3/"));
        assertTrue(store.exists("s1/t1/epoch-0001.ckpt"));
    }

    @Test
    void deleteAllDeletesMoreCheckpointsThanOneListingReturns() throws IOException {
        int count = moreThanOneListing();
        for (int epoch = 1; epoch <= count; epoch++) {
            store.write(CheckpointReferences.afterEpoch("s1", "t1", epoch), out -> out.write(1));
        }
        store.write("s1/t2/epoch-0001.ckpt", out -> out.write(1));

        assertEquals(count, store.list("s1/t1/").size());
        assertEquals(count, store.deleteAll("s1/t1/"));

        assertEquals(List.of("s1/t2/epoch-0001.ckpt"), store.list("s1/"));
    }

    @Test
    void listsTheReferencesUnderAPrefixSorted() throws IOException {
        for (String reference : List.of("s1/t2/epoch-0001.ckpt", "s1/t1/epoch-0010.ckpt", "s1/t1/epoch-0002.ckpt",
                "s1/t10/epoch-0001.ckpt", "s2/t1/epoch-0001.ckpt")) {
            store.write(reference, out -> out.write(1));
        }

        assertEquals(List.of("s1/t1/epoch-0002.ckpt", "s1/t1/epoch-0010.ckpt"), store.list("s1/t1/"));
        assertEquals(List.of("s1/t1/epoch-0002.ckpt", "s1/t1/epoch-0010.ckpt", "s1/t10/epoch-0001.ckpt"),
                store.list("s1/t1"));
        assertEquals(List.of("s1/t1/epoch-0010.ckpt"), store.list("s1/t1/epoch-001"));
        assertEquals(List.of(), store.list("s3/"));
    }

    @Test
    void aWriteWhoseContentFailsLeavesNeitherTheCheckpointNorATemporaryFile() throws IOException {
        IOException error = assertThrows(IOException.class, () -> store.write("s1/t1/epoch-0003.ckpt", out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full");
        }));

        assertEquals("disk full", error.getMessage());
        assertFalse(store.exists("s1/t1/epoch-0003.ckpt"));
        assertEquals(List.of(), store.list("s1/"));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void aFailedRewriteKeepsThePreviousCheckpoint() throws IOException {
        store.write("s1/t1/epoch-0002.ckpt", out -> out.write(bytes("intact")));

        assertThrows(IllegalStateException.class, () -> store.write("s1/t1/epoch-0002.ckpt", out -> {
            out.write(bytes("partial"));
            throw new IllegalStateException("serialiser bug");
        }));

        assertArrayEquals(bytes("intact"), read("s1/t1/epoch-0002.ckpt"));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void aWriteLeavesNoTemporaryFile() throws IOException {
        store.write("s1/t1/epoch-0001.ckpt", out -> out.write(new byte[200_000]));

        assertEquals(List.of(), temporaryFiles());
    }

    byte[] read(String reference) throws IOException {
        try (InputStream in = store.open(reference)) {
            return in.readAllBytes();
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRefused(Executable operation) {
        assertThrows(IllegalArgumentException.class, operation);
    }
}
