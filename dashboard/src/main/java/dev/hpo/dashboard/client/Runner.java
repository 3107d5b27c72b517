package dev.hpo.dashboard.client;

import java.time.Instant;

/**
 * A trial-runner as study-service last heard of it.
 *
 * @param trialId the trial it trains, or {@code null} when idle
 */
public record Runner(String runnerId, boolean alive, Instant lastSeen, String trialId, String studyId,
        Integer trialNumber, Double epochsPerMinute) {
}
