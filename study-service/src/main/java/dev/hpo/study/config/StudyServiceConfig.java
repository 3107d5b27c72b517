package dev.hpo.study.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** study-service's own settings, under {@code hpo.study}. */
@ConfigMapping(prefix = "hpo.study")
public interface StudyServiceConfig {

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
}
