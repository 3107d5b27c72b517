package dev.hpo.dashboard.client;

import java.util.Map;

/** One row of a study's leaderboard as study-service ranks it. */
public record LeaderboardRow(
        Integer rank,
        String trialId,
        int number,
        Map<String, Object> params,
        Double value,
        Integer epoch,
        int epochsRun,
        String status,
        String runnerId) {
}
