package dev.hpo.study.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import dev.hpo.checkpoint.CheckpointStoreSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** study-service's own settings, under {@code hpo.study}. */
@ConfigMapping(prefix = StudyServiceConfig.PREFIX)
public interface StudyServiceConfig {

    String PREFIX = "hpo.study";

    /**
     * A running trial whose runner has sent nothing (epoch, heartbeat, checkpoint) for this long is considered
     * lost and is given to another runner. Runners send a heartbeat every 10 s by default.
     */
    @WithDefault("60s")
    Duration leaseTimeout();

    /** How often expired leases are looked for. */
    @WithDefault("5s")
    Duration leaseCheckInterval();

    /** Attempts per trial (the first included) before it is marked failed. */
    @WithDefault("3")
    int maxAttempts();

    /**
     * The bearer token that writing endpoints (create, cancel) require. Unset: no token is needed, which suits
     * a stack on loopback only; the local stack always sets one.
     */
    Optional<String> apiToken();

    /** Running studies at once; a new study beyond this is refused with 429. */
    @WithDefault("100")
    int maxRunningStudies();

    /** A runner counts as alive on the runners page while it has reported within this window. */
    @WithDefault("2m")
    Duration runnerAliveWindow();

    /**
     * Model builders of one's own that the runners have (jars on their class path or in their
     * {@code hpo.runner.model-builders-dir}), besides the built-in {@code mlp} and {@code cnn}: a study may name
     * one in {@code model.builder}. study-service does not know their hyperparameters, so it checks only the
     * training ones (optimizer, learning_rate, batch_size, ...) and passes the others to the builder unchecked,
     * saying so in the validation notes. Unset (the default): none, and a study naming another builder is
     * refused. Comma-separated, e.g. {@code resnet,transformer}.
     */
    Optional<Set<String>> customModelBuilders();

    /**
     * The runners' checkpoint store, which study-service reads for best-model downloads and cleans up: {@code file}
     * (in {@link #checkpointDir()}) or {@code s3} (see {@link #s3()}). Set it as the runners have it.
     */
    @WithDefault("file")
    CheckpointStoreSettings.Kind checkpointStore();

    /** The checkpoint directory the runners share, when the store is {@code file}. */
    @WithDefault("${user.home}/.hpo/checkpoints")
    Path checkpointDir();

    /** The bucket of the checkpoint store when it is {@code s3}, under {@code hpo.study.s3}. */
    S3 s3();

    /**
     * Finished trials per study whose final checkpoint and model archive are kept, the best by the objective;
     * every other checkpoint of a finished trial is deleted. 0 keeps none (no best-model download).
     */
    @WithDefault("3")
    int keepBestCheckpoints();

    /** How often finished trials' checkpoints are looked at for deletion. */
    @WithDefault("30s")
    Duration checkpointCleanupInterval();

    /** Where an S3 checkpoint store is and how to reach it; the same settings as the runners' {@code hpo.runner.s3}. */
    interface S3 {

        /** URL of an S3-compatible server, such as {@code http://minio:9000}; unset means AWS S3 itself. */
        Optional<String> endpoint();

        /** The signing region; S3-compatible servers mostly accept any. */
        @WithDefault("us-east-1")
        String region();

        /** The bucket; required when the store is {@code s3}. */
        Optional<String> bucket();

        /** Key prefix under which checkpoints are kept; unset means the bucket's root. */
        Optional<String> prefix();

        /** Address the bucket in the path rather than the host name; most S3-compatible servers need it. */
        @WithDefault("true")
        boolean pathStyle();

        /** Access key, with {@link #secretKey()}; both unset: the AWS SDK's default credential chain. */
        Optional<String> accessKey();

        /** Secret key, with {@link #accessKey()}; set it from a secret. */
        Optional<String> secretKey();
    }
}
