package dev.hpo.runner.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import ai.djl.engine.Engine;
import dev.hpo.runner.training.DjlEnvironment;
import io.quarkus.runtime.StartupEvent;

/**
 * Prepares DJL before the first trial arrives.
 * <p>
 * The priority matters: messaging starts its consumers on a plain {@code StartupEvent}, so a plain observer would
 * race the first message, which touches the engine. Setting {@code ai.djl.offline} in application.properties does
 * nothing, because it never becomes a system property. The engine is then loaded here, so that a runner whose
 * natives cannot load fails at startup rather than on every trial.
 */
@ApplicationScoped
public class DjlStartup {

    private static final Logger LOG = Logger.getLogger(DjlStartup.class);

    private final RunnerConfig config;

    public DjlStartup(RunnerConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        DjlEnvironment.configure(config.djlCacheDir(), config.threadsPerTrial());
        Engine engine = Engine.getInstance();
        LOG.infof("DJL engine %s %s on %s, %d thread(s) per trial, natives in %s", engine.getEngineName(),
                engine.getVersion(), engine.defaultDevice(), config.threadsPerTrial(), config.djlCacheDir());
    }
}
