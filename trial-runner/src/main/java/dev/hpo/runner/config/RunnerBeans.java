package dev.hpo.runner.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.checkpoint.CheckpointStoreSettings;
import dev.hpo.checkpoint.CheckpointStores;
import dev.hpo.checkpoint.S3Settings;
import dev.hpo.runner.data.DatasetCatalog;
import dev.hpo.runner.messaging.TrialControlConsumer;
import dev.hpo.runner.model.ModelBuilders;
import dev.hpo.runner.training.Heartbeats;
import dev.hpo.runner.training.ModelTrainer;
import dev.hpo.runner.training.StopRequests;
import dev.hpo.runner.training.TrialEventSink;
import dev.hpo.runner.training.TrialService;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;

/** Builds the framework-free classes from the configuration. */
@Singleton
public class RunnerBeans {

    private static final Logger LOG = Logger.getLogger(RunnerBeans.class);

    @Produces
    @Singleton
    DatasetCatalog datasetCatalog(RunnerConfig config) {
        return new DatasetCatalog(config.datasetDir(), config.datasets().mnistDir());
    }

    /**
     * Created at startup, so that two builders of one name, or a builder jar that does not load, stop the runner
     * before it takes a trial.
     */
    @Produces
    @Singleton
    @Startup
    ModelBuilders modelBuilders(RunnerConfig config) {
        ModelBuilders builders = ModelBuilders.discover(config.modelBuildersDir());
        LOG.infof("model builders: %s", builders.describe());
        return builders;
    }

    /** Built at startup, before messaging starts its consumers, so that bad settings stop the runner at once. */
    @Produces
    @Singleton
    @Startup(Interceptor.Priority.PLATFORM_BEFORE)
    CheckpointStore checkpointStore(RunnerConfig config) {
        return CheckpointStores.open(checkpointStoreSettings(config), RunnerConfig.PREFIX);
    }

    void closeCheckpointStore(@Disposes CheckpointStore checkpoints) {
        checkpoints.close();
    }

    @Produces
    @Singleton
    StopRequests stopRequests() {
        return new StopRequests();
    }

    @Produces
    @Singleton
    Heartbeats heartbeats(TrialEventSink events, RunnerConfig config) {
        return new Heartbeats(events, runnerId(config), config.heartbeatInterval());
    }

    void closeHeartbeats(@Disposes Heartbeats heartbeats) {
        heartbeats.close();
    }

    @Produces
    @Singleton
    TrialService trialService(DatasetCatalog datasets, ModelBuilders builders, CheckpointStore checkpoints,
            StopRequests stops, TrialEventSink events, Heartbeats heartbeats, RunnerConfig config) {
        return new TrialService(datasets, builders, new ModelTrainer(), checkpoints, stops, events, heartbeats,
                runnerId(config), config.maxTrainSamples(), config.checkpointEveryEpoch());
    }

    /**
     * Kafka settings of the trial-control channel that depend on this process: its consumer group. See
     * {@link TrialControlConsumer} for why every runner process reads in a group of its own.
     */
    @Produces
    @Identifier(TrialControlConsumer.KAFKA_CONFIGURATION)
    Map<String, Object> trialControlKafkaConfiguration(RunnerConfig config) {
        return Map.of("group.id", TrialControlConsumer.groupId(runnerId(config)));
    }

    /** The checkpoint store the configuration describes, for {@link CheckpointStores#open}. */
    public static CheckpointStoreSettings checkpointStoreSettings(RunnerConfig config) {
        RunnerConfig.S3 s3 = config.s3();
        return new CheckpointStoreSettings(config.checkpointStore(), config.checkpointDir(),
                new S3Settings(s3.endpoint(), s3.region(), s3.bucket(), s3.prefix(), s3.pathStyle(), s3.accessKey(),
                        s3.secretKey()));
    }

    /** The configured id, else host name and process id: unique per process, and readable in a pod list. */
    public static String runnerId(RunnerConfig config) {
        return config.id().orElseGet(() -> hostName() + "-" + ProcessHandle.current().pid());
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "runner";
        }
    }
}
