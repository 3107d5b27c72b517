package dev.hpo.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.jclouds.blobstore.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store against a real S3-compatible server (S3Proxy, in this JVM) that checks request signatures. Each test
 * has a key prefix of its own in one bucket, so each starts empty; listings return {@value #PAGE_SIZE} keys at a
 * time, so that a few dozen checkpoints take several pages.
 */
class S3CheckpointStoreTest extends CheckpointStoreContract {

    private static final String BUCKET = "checkpoints";
    private static final int PAGE_SIZE = 10;
    private static final AtomicInteger TESTS = new AtomicInteger();

    private static S3ProxyServer server;

    @TempDir
    Path temporaryDirectory;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(BUCKET);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    CheckpointStore emptyStore() {
        return open(settings("test-" + TESTS.incrementAndGet(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY),
                PAGE_SIZE);
    }

    @Override
    List<String> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(temporaryDirectory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    @Test
    void keysAreThePrefixFollowedByTheReference() throws IOException {
        try (CheckpointStore prefixed = open(settings("/hpo/production/", S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY), PAGE_SIZE)) {
            prefixed.write("s1/t1/epoch-0001.ckpt", out -> out.write(bytes("one")));

            assertTrue(server.blobStore().blobExists(BUCKET, "hpo/production/s1/t1/epoch-0001.ckpt"));
            assertEquals(List.of("s1/t1/epoch-0001.ckpt"), prefixed.list("s1/"));
            assertEquals("s3://checkpoints/hpo/production/ at " + server.endpoint(), prefixed.location());
        }
    }

    @Test
    void withoutAPrefixKeysAreTheReferences() throws IOException {
        try (CheckpointStore unprefixed = open(settings("", S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY),
                PAGE_SIZE)) {
            unprefixed.write("unprefixed-study/t1/epoch-0001.ckpt", out -> out.write(bytes("one")));

            assertTrue(server.blobStore().blobExists(BUCKET, "unprefixed-study/t1/epoch-0001.ckpt"));
            assertEquals("s3://checkpoints/ at " + server.endpoint(), unprefixed.location());
            assertEquals(1, unprefixed.deleteAll("unprefixed-study/"));
        }
    }

    @Test
    void deleteAllPagesThroughMoreThanAThousandObjectsInBatchesOfAThousand() throws IOException {
        BlobStore blobs = server.blobStore();
        for (int epoch = 1; epoch <= 2_345; epoch++) {
            String key = "paging/" + CheckpointReferences.afterEpoch("s1", "t1", epoch);
            blobs.putBlob(BUCKET, blobs.blobBuilder(key).payload(new byte[] {1}).build());
        }
        blobs.putBlob(BUCKET, blobs.blobBuilder("paging/s1/t2/epoch-0001.ckpt").payload(new byte[] {1}).build());

        try (CheckpointStore paging = open(settings("paging", S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY),
                S3CheckpointStore.MAX_KEYS_PER_REQUEST)) {
            assertEquals(2_345, paging.list("s1/t1/").size());
            assertEquals(2_345, paging.deleteAll("s1/t1/"));
            assertEquals(List.of("s1/t2/epoch-0001.ckpt"), paging.list("s1/"));
        }
    }

    @Test
    void aWrongSecretKeyIsReportedWithTheBucketTheKeyAndWhatToCheck() {
        try (CheckpointStore wrong = open(settings("denied", S3ProxyServer.ACCESS_KEY, "not-the-secret"), PAGE_SIZE)) {
            IOException error = assertThrows(IOException.class,
                    () -> wrong.write("s1/t1/epoch-0001.ckpt", out -> out.write(1)));

            assertTrue(error.getMessage().startsWith("cannot write checkpoint 's1/t1/epoch-0001.ckpt' in bucket"
                    + " 'checkpoints', key 'denied/s1/t1/epoch-0001.ckpt', at " + server.endpoint() + ": HTTP 403"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("SignatureDoesNotMatch"), error.getMessage());
            assertTrue(error.getMessage().endsWith("(check the access key and secret key, and that they may use"
                    + " bucket 'checkpoints')"), error.getMessage());
            assertEquals(List.of(), names(temporaryDirectory));
        }
    }

    @Test
    void anUnknownAccessKeyIsReportedAsSuch() {
        try (CheckpointStore wrong = open(settings("denied", "someone-else", S3ProxyServer.SECRET_KEY), PAGE_SIZE)) {
            IOException error = assertThrows(IOException.class, () -> wrong.open("s1/t1/epoch-0001.ckpt"));

            assertFalse(error instanceof CheckpointNotFoundException, error.getMessage());
            assertTrue(error.getMessage().contains("HTTP 403 InvalidAccessKeyId"), error.getMessage());
            assertTrue(error.getMessage().contains("key 'denied/s1/t1/epoch-0001.ckpt'"), error.getMessage());
        }
    }

    @Test
    void aMissingBucketIsAnErrorNotAMissingCheckpoint() {
        S3Settings noBucket = new S3Settings(Optional.of(server.endpoint().toString()), "us-east-1",
                Optional.of("no-such-bucket"), Optional.empty(), true, Optional.of(S3ProxyServer.ACCESS_KEY),
                Optional.of(S3ProxyServer.SECRET_KEY));
        try (CheckpointStore missing = open(noBucket, PAGE_SIZE)) {
            IOException error = assertThrows(IOException.class, () -> missing.open("s1/t1/epoch-0001.ckpt"));

            assertFalse(error instanceof CheckpointNotFoundException, error.getMessage());
            assertTrue(error.getMessage().contains("bucket 'no-such-bucket'"), error.getMessage());
            assertTrue(error.getMessage().contains("NoSuchBucket"), error.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsReportedWithTheBucketAndTheKey() throws IOException {
        S3Settings nowhere = new S3Settings(Optional.of("http://127.0.0.1:1"), "us-east-1", Optional.of(BUCKET),
                Optional.empty(), true, Optional.of(S3ProxyServer.ACCESS_KEY), Optional.of(S3ProxyServer.SECRET_KEY));
        try (CheckpointStore unreachable = open(nowhere, PAGE_SIZE)) {
            IOException error = assertThrows(IOException.class,
                    () -> unreachable.write("s1/t1/epoch-0001.ckpt", out -> out.write(1)));

            assertTrue(error.getMessage().startsWith("cannot write checkpoint 's1/t1/epoch-0001.ckpt' in bucket"
                    + " 'checkpoints', key 's1/t1/epoch-0001.ckpt', at http://127.0.0.1:1: "), error.getMessage());
            assertEquals(List.of(), temporaryFiles());
        }
    }

    @Test
    void theFactoryOpensAWorkingStoreFromSettings() throws IOException {
        try (CheckpointStore opened = CheckpointStores.open(CheckpointStoreSettings.s3(settings("factory",
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)), "hpo.runner")) {
            opened.write("s1/t1/epoch-0001.ckpt", out -> out.write(bytes("one")));

            assertEquals("one", new String(opened.open("s1/t1/epoch-0001.ckpt").readAllBytes()));
            assertEquals(1, opened.deleteAll("s1/"));
        }
    }

    private S3CheckpointStore open(S3Settings settings, int pageSize) {
        return CheckpointStores.openS3(settings, "hpo.test", temporaryDirectory, pageSize);
    }

    private static S3Settings settings(String prefix, String accessKey, String secretKey) {
        return new S3Settings(Optional.of(server.endpoint().toString()), "us-east-1", Optional.of(BUCKET),
                Optional.of(prefix), true, Optional.of(accessKey), Optional.of(secretKey));
    }

    private static List<String> names(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
