package dev.hpo.dashboard.client;

import java.time.Instant;
import java.util.Map;

/** What the dashboard reads of a study from study-service; fields it does not show are ignored. */
public record StudySummary(
        String id,
        String name,
        String status,
        String algorithm,
        Objective objective,
        int maxTrials,
        int parallelism,
        int epochs,
        Counts trials,
        Best best,
        Instant createdAt,
        Instant completedAt,
        Map<String, Object> spec) {

    public record Objective(String metric, String direction) {
    }

    public record Counts(int planned, long queued, long running, long paused, long completed, long pruned,
            long failed) {

        /** Trials that will train no more. */
        public long finished() {
            return completed + pruned + failed;
        }
    }

    public record Best(String trialId, Integer number, Double value, Integer epoch, Map<String, Object> params) {
    }
}
