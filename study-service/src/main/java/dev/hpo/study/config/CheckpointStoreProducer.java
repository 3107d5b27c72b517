package dev.hpo.study.config;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.checkpoint.CheckpointStoreSettings;
import dev.hpo.checkpoint.CheckpointStores;
import dev.hpo.checkpoint.S3Settings;

/** Opens the runners' checkpoint store as configured; a bad setting fails the start, naming its key. */
@Singleton
public class CheckpointStoreProducer {

    @Produces
    @Singleton
    CheckpointStore checkpointStore(StudyServiceConfig config) {
        StudyServiceConfig.S3 s3 = config.s3();
        return CheckpointStores.open(new CheckpointStoreSettings(config.checkpointStore(), config.checkpointDir(),
                new S3Settings(s3.endpoint(), s3.region(), s3.bucket(), s3.prefix(), s3.pathStyle(), s3.accessKey(),
                        s3.secretKey())), StudyServiceConfig.PREFIX);
    }

    void close(@Disposes CheckpointStore checkpoints) {
        checkpoints.close();
    }
}
