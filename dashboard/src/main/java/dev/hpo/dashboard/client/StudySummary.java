package dev.hpo.dashboard.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard reads of a study from study-service; fields it does not show are ignored. The list answers
 * leave {@code spec} and {@code plan} out; a single study has both.
 */
public record StudySummary(
        String id,
        String name,
        String status,
        String algorithm,
        Objective objective,
        int maxTrials,
        int parallelism,
        int epochs,
        Long seed,
        Counts trials,
        Best best,
        Instant createdAt,
        Instant completedAt,
        Spec spec,
        Plan plan,
        SuggestedRange suggestedRange) {

    public record Objective(String metric, String direction) {

        public boolean maximize() {
            return !"minimize".equalsIgnoreCase(direction);
        }
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

    /**
     * The parts of the study spec the pages show; {@code space} keeps the order in which the user declared the
     * hyperparameters.
     */
    public record Spec(Algorithm algorithm, Map<String, Object> earlyStopping, Map<String, Object> model,
            Map<String, Object> dataset, Map<String, Map<String, Object>> space) {
    }

    public record Algorithm(String type, Integer maxEpochs, Integer factor, Integer iterations, Integer minEpochs,
            String arithmetic) {
    }

    /** What the study costs: trials, epochs, and Hyperband's brackets (null for other algorithms). */
    public record Plan(int trials, long totalEpochs, List<Bracket> brackets, List<String> notes) {
    }

    public record Bracket(List<Rung> rungs) {
    }

    /** A rung: {@code configs} trials train up to epoch {@code epochs}. */
    public record Rung(int configs, int epochs) {
    }

    /** What a finished learning-rate range test suggests, and the rule it was read by. */
    public record SuggestedRange(double min, double max, double steepestLr, double lowestLossLr, Double divergedLr,
            String rule) {
    }

    /** A learning-rate range test rather than a search. */
    public boolean rangeTest() {
        return "lr-range-test".equals(algorithm);
    }

    /** The hyperparameter space in declaration order; empty when the spec is not known. */
    public Map<String, Map<String, Object>> space() {
        return spec == null || spec.space() == null ? Map.of() : spec.space();
    }
}
