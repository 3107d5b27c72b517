package dev.hpo.runner.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import dev.hpo.runner.training.TrialService;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Drains the runner on shutdown (SIGTERM): the trial being trained finishes its epoch, is checkpointed and handed
 * back with {@code Stopped("runner shutting down")}, and later requests are handed back the same way untrained.
 * <p>
 * The observer runs first among the shutdown observers and blocks until the trial has ended (at most
 * {@code hpo.runner.shutdown-timeout} plus a short grace); the Kafka connectors close only afterwards, when the
 * application's beans are destroyed, so the events still go out.
 */
@ApplicationScoped
public class RunnerShutdown {

    private static final Logger LOG = Logger.getLogger(RunnerShutdown.class);

    private final TrialService trials;
    private final RunnerConfig config;

    public RunnerShutdown(TrialService trials, RunnerConfig config) {
        this.trials = trials;
        this.config = config;
    }

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        LOG.infof("shutting down: no new trials; the current one, if any, ends after its epoch (at most %s)",
                config.shutdownTimeout());
        trials.drain(config.shutdownTimeout());
    }
}
