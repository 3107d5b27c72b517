package dev.hpo.runner.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import dev.hpo.checkpoint.CheckpointStoreSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of one trial runner process, under {@code hpo.runner}.
 * <p>
 * {@link #id()}, {@link #maxTrainSamples()} and {@link #modelBuildersDir()} have no {@code @WithDefault} on purpose:
 * an unset id is computed at run time (host name and process id), an unset cap means "no cap" and an unset
 * directory "no extra jars", none of which a fixed string can say; the same goes for the optional S3 settings
 * under {@link #s3()}.
 */
@ConfigMapping(prefix = RunnerConfig.PREFIX)
public interface RunnerConfig {

    String PREFIX = "hpo.runner";

    /** Names this runner in every event it sends; unset means {@code <hostname>-<pid>}. */
    Optional<String> id();

    /**
     * Directory holding the Fashion-MNIST IDX files, as installed by the Debian package dataset-fashion-mnist; a
     * request's {@code dataset.path} overrides it.
     */
    @WithDefault("/usr/share/datasets/fashion-mnist")
    Path datasetDir();

    /** Where the datasets other than Fashion-MNIST are, under {@code hpo.runner.datasets}. */
    Datasets datasets();

    /** Dataset locations. */
    interface Datasets {

        /**
         * Directory holding the MNIST IDX files ({@code train-images-idx3-ubyte[.gz]} and the three others, as
         * for Fashion-MNIST); a request's {@code dataset.path} overrides it.
         */
        @WithDefault("/usr/share/datasets/mnist")
        Path mnistDir();
    }

    /**
     * A directory of jars with model builders of one's own, loaded at startup beside the runner's class path
     * (where the built-in {@code mlp} and {@code cnn} come from). Unset: only the class path. Needed for the
     * packaged runner, whose class path is fixed when it is built.
     */
    Optional<Path> modelBuildersDir();

    /**
     * Where DJL unpacks the PyTorch native libraries (about 450 MB, once). The environment variable
     * {@code DJL_CACHE_DIR}, when set, wins over this setting, because DJL reads the environment first.
     */
    @WithDefault("${user.home}/.djl.ai")
    Path djlCacheDir();

    /** PyTorch intra-op and inter-op threads of a trial; one per core budget is fastest and steadiest. */
    @WithDefault("1")
    int threadsPerTrial();

    /** Trains on at most this many training samples whatever a request asks; for fast tests and smoke runs. */
    OptionalInt maxTrainSamples();

    /**
     * Where checkpoints are kept: {@code file}, in {@link #checkpointDir()}; or {@code s3}, in a bucket of S3 or of an
     * S3-compatible server, see {@link #s3()}. A trial may continue on any runner, so all runners of one study must
     * use the same store.
     */
    @WithDefault("file")
    CheckpointStoreSettings.Kind checkpointStore();

    /**
     * Root directory of the checkpoint store when {@link #checkpointStore()} is {@code file}. All runners of one study
     * must share this directory: on Kubernetes a shared ({@code ReadWriteMany}) volume mounted at the same path.
     */
    @WithDefault("${user.home}/.hpo/checkpoints")
    Path checkpointDir();

    /** The bucket of the checkpoint store when {@link #checkpointStore()} is {@code s3}: {@code hpo.runner.s3.*}. */
    S3 s3();

    /**
     * Save a checkpoint after every epoch, before reporting it, so a trial whose runner dies resumes from its last
     * reported epoch instead of its last rung. About 8 ms and 1.2 MB per epoch for the 784-128-10 MLP.
     */
    @WithDefault("true")
    boolean checkpointEveryEpoch();

    /** How long to wait for Kafka to acknowledge one trial event before the trial is given up. */
    @WithDefault("60s")
    Duration eventSendTimeout();

    /**
     * How often a trial in training is reported with a {@code Heartbeat} event, so that study-service can tell a
     * lost runner from a slow one; keep it well below study-service's lease.
     */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /**
     * On shutdown (SIGTERM), how long the current epoch may take to finish so that its checkpoint is saved and the
     * trial handed back; after that, training stops without a checkpoint. On Kubernetes keep
     * {@code terminationGracePeriodSeconds} above this plus about 15 s.
     */
    @WithDefault("60s")
    Duration shutdownTimeout();

    /** Where an S3 checkpoint store is and how to reach it; keys {@code hpo.runner.s3.*}. */
    interface S3 {

        /**
         * URL of an S3-compatible server (MinIO, Ceph, S3Proxy, ...), such as {@code http://minio:9000}; unset means
         * AWS S3 itself, in {@link #region()}.
         */
        Optional<String> endpoint();

        /** The signing region; S3-compatible servers mostly accept any. */
        @WithDefault("us-east-1")
        String region();

        /** The bucket; it must exist. Required when the store is {@code s3}. */
        Optional<String> bucket();

        /**
         * Key prefix under which checkpoints are kept, such as {@code hpo/production}, so that several installations
         * can share a bucket; unset means the bucket's root. Checkpoint {@code s1/t7/epoch-0004.ckpt} is the key
         * {@code hpo/production/s1/t7/epoch-0004.ckpt}.
         */
        Optional<String> prefix();

        /**
         * Address the bucket in the path ({@code <endpoint>/<bucket>/<key>}) rather than in the host name
         * ({@code <bucket>.<endpoint>/<key>}); most S3-compatible servers need the path.
         */
        @WithDefault("true")
        boolean pathStyle();

        /**
         * Access key of the credentials, with {@link #secretKey()}; when both are unset the AWS SDK's default chain is
         * asked (environment variables {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, {@code ~/.aws},
         * container and instance roles).
         */
        Optional<String> accessKey();

        /** Secret key of the credentials, with {@link #accessKey()}; set it from a secret, not in a file. */
        Optional<String> secretKey();
    }
}
