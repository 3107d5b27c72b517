package dev.hpo.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.checkpoint.CheckpointStoreSettings;
import dev.hpo.checkpoint.S3Settings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The {@code hpo.runner} keys of the checkpoint store, read as Quarkus reads them (SmallRye Config with Quarkus's
 * duration format), into the store's settings. Not a {@code @QuarkusTest}: the mapping can be built on its own.
 */
class CheckpointStoreConfigTest {

    @Test
    void byDefaultCheckpointsAreFilesInTheCheckpointDirectory() {
        RunnerConfig config = config(Map.of("hpo.runner.checkpoint-dir", "/data/checkpoints"));

        CheckpointStoreSettings settings = RunnerBeans.checkpointStoreSettings(config);

        assertEquals(CheckpointStoreSettings.Kind.FILE, settings.kind());
        assertEquals(Path.of("/data/checkpoints"), settings.directory());
    }

    @Test
    void anS3StoreIsConfiguredByTheS3KeysWithTheirDefaults() {
        RunnerConfig config = config(Map.of(
                "hpo.runner.checkpoint-store", "s3",
                "hpo.runner.s3.endpoint", "http://minio:9000",
                "hpo.runner.s3.bucket", "hpo-checkpoints",
                "hpo.runner.s3.prefix", "production",
                "hpo.runner.s3.access-key", "hpo",
                "hpo.runner.s3.secret-key", "secret"));

        CheckpointStoreSettings settings = RunnerBeans.checkpointStoreSettings(config);

        assertEquals(CheckpointStoreSettings.Kind.S3, settings.kind());
        assertEquals(new S3Settings(Optional.of("http://minio:9000"), "us-east-1", Optional.of("hpo-checkpoints"),
                Optional.of("production"), true, Optional.of("hpo"), Optional.of("secret")), settings.s3());
        try (CheckpointStore store = new RunnerBeans().checkpointStore(config)) {
            assertEquals("s3://hpo-checkpoints/production/ at http://minio:9000", store.location());
        }
    }

    @Test
    void anS3StoreWithoutABucketIsRefusedNamingTheKey() {
        RunnerConfig config = config(Map.of("hpo.runner.checkpoint-store", "s3"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new RunnerBeans().checkpointStore(config));

        assertEquals("hpo.runner.s3.bucket must be set when the store is s3", error.getMessage());
    }

    private static RunnerConfig config(Map<String, String> properties) {
        Map<String, String> withHome = new HashMap<>(properties);
        withHome.put("user.home", "/home/runner");
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(RunnerConfig.class)
                .withSources(new PropertiesConfigSource(withHome, "test", 100))
                .build()
                .getConfigMapping(RunnerConfig.class);
    }
}
