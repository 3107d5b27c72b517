package dev.hpo.dashboard.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The dashboard's own settings; where study-service and Kafka are is configured by Quarkus' own keys
 * ({@code quarkus.rest-client.study-service.url}, {@code kafka.bootstrap.servers}).
 */
@ConfigMapping(prefix = "hpo.dashboard")
public interface DashboardConfig {

    /** Leaderboard rows per page. */
    @WithDefault("50")
    int pageSize();

    /** Learning curves drawn at most: running trials first, then the best ones. */
    @WithDefault("200")
    int maxCurves();

    /** Trials drawn at most in the parallel-coordinates chart, the best ones. */
    @WithDefault("2000")
    int maxParallelLines();

    /** How often an open event stream gets a keep-alive event, so proxies and browsers keep it open. */
    @WithDefault("20s")
    Duration heartbeat();
}
