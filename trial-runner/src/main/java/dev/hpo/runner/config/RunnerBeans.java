package dev.hpo.runner.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.hpo.runner.data.DatasetCatalog;
import dev.hpo.runner.training.MlpTrainer;
import dev.hpo.runner.training.TrialEventSink;
import dev.hpo.runner.training.TrialService;

/** Builds the framework-free classes from the configuration. */
@Singleton
public class RunnerBeans {

    @Produces
    @Singleton
    DatasetCatalog datasetCatalog(RunnerConfig config) {
        return new DatasetCatalog(config.datasetDir());
    }

    @Produces
    @Singleton
    TrialService trialService(DatasetCatalog datasets, TrialEventSink events, RunnerConfig config) {
        return new TrialService(datasets, new MlpTrainer(), events, runnerId(config), config.maxTrainSamples());
    }

    /** The configured id, else host name and process id: unique per process, and readable in a pod list. */
    static String runnerId(RunnerConfig config) {
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
