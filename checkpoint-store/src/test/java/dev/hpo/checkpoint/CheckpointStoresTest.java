package dev.hpo.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings to stores; the S3 store's behaviour is {@link S3CheckpointStoreTest}'s. */
class CheckpointStoresTest {

    @TempDir
    Path directory;

    @Test
    void opensAFileStoreInTheDirectory() {
        try (CheckpointStore store = CheckpointStores.open(CheckpointStoreSettings.file(directory), "hpo.runner")) {
            assertInstanceOf(FileCheckpointStore.class, store);
            assertEquals("directory " + directory, store.location());
        }
    }

    @Test
    void opensAnS3StoreWithoutContactingTheServer() {
        try (CheckpointStore store = CheckpointStores.open(CheckpointStoreSettings.s3(s3("http://minio:9000",
                "checkpoints", "/hpo/production/", "access", "secret")), "hpo.runner")) {
            assertInstanceOf(S3CheckpointStore.class, store);
            assertEquals("s3://checkpoints/hpo/production/ at http://minio:9000", store.location());
        }
    }

    @Test
    void withoutAnEndpointTheStoreIsAwsS3InTheRegion() {
        S3Settings aws = new S3Settings(Optional.empty(), "eu-west-1", Optional.of("checkpoints"), Optional.empty(),
                false, Optional.empty(), Optional.empty());

        try (CheckpointStore store = CheckpointStores.open(CheckpointStoreSettings.s3(aws), "hpo.runner")) {
            assertEquals("s3://checkpoints/ at AWS S3 (region eu-west-1)", store.location());
        }
    }

    @Test
    void aMissingBucketNamesTheKeyUnderTheServicesPrefix() {
        assertRefused(CheckpointStoreSettings.s3(s3("http://minio:9000", "", "", "a", "s")), "hpo.study",
                "hpo.study.s3.bucket must be set when the store is s3");
        assertRefused(CheckpointStoreSettings.s3(null), "hpo.runner",
                "hpo.runner.s3.bucket must be set when the store is s3");
    }

    @Test
    void refusesWhatCannotBeABucketName() {
        assertRefused(CheckpointStoreSettings.s3(s3("http://minio:9000", "My_Bucket", "", "a", "s")), "hpo.runner",
                "hpo.runner.s3.bucket must be a bucket name");
    }

    @Test
    void refusesAnEndpointThatIsNotAnHttpUrl() {
        assertRefused(CheckpointStoreSettings.s3(s3("minio:9000", "checkpoints", "", "a", "s")), "hpo.runner",
                "hpo.runner.s3.endpoint must be an http or https URL with a host, such as http://minio:9000,"
                        + " was 'minio:9000'");
        assertRefused(CheckpointStoreSettings.s3(s3("http://minio 9000", "checkpoints", "", "a", "s")), "hpo.runner",
                "hpo.runner.s3.endpoint must be a URL");
    }

    @Test
    void refusesAnAccessKeyWithoutASecretKeyAndTheReverse() {
        assertRefused(CheckpointStoreSettings.s3(s3("http://minio:9000", "checkpoints", "", "a", "")), "hpo.runner",
                "hpo.runner.s3.secret-key must be set when hpo.runner.s3.access-key is");
        assertRefused(CheckpointStoreSettings.s3(s3("http://minio:9000", "checkpoints", "", "", "s")), "hpo.runner",
                "hpo.runner.s3.access-key must be set when hpo.runner.s3.secret-key is");
    }

    @Test
    void refusesAPrefixThatIsNotASafePath() {
        assertRefused(CheckpointStoreSettings.s3(s3("http://minio:9000", "checkpoints", "hpo/../other", "a", "s")),
                "hpo.runner", "hpo.runner.s3.prefix must be a key prefix like hpo/production");
    }

    @Test
    void refusesABlankRegion() {
        S3Settings noRegion = new S3Settings(Optional.of("http://minio:9000"), " ", Optional.of("checkpoints"),
                Optional.empty(), true, Optional.empty(), Optional.empty());

        assertRefused(CheckpointStoreSettings.s3(noRegion), "hpo.runner",
                "hpo.runner.s3.region must be set when the store is s3");
    }

    @Test
    void refusesAFileStoreWithoutADirectoryAndAMissingKind() {
        assertRefused(CheckpointStoreSettings.file(null), "hpo.runner",
                "hpo.runner.checkpoint-dir must be set when the store is file");
        assertRefused(new CheckpointStoreSettings(null, directory, null), "hpo.runner",
                "hpo.runner.checkpoint-store must be file or s3");
    }

    @Test
    void theSettingsNeverShowTheSecretKey() {
        String shown = s3("http://minio:9000", "checkpoints", "", "access", "very-secret").toString();

        assertFalse(shown.contains("very-secret"), shown);
        assertTrue(shown.contains("secretKey=(set)"), shown);
    }

    private static S3Settings s3(String endpoint, String bucket, String prefix, String accessKey, String secretKey) {
        return new S3Settings(Optional.of(endpoint), "us-east-1", Optional.of(bucket), Optional.of(prefix), true,
                Optional.of(accessKey), Optional.of(secretKey));
    }

    private static void assertRefused(CheckpointStoreSettings settings, String configPrefix, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CheckpointStores.open(settings, configPrefix));

        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }
}
