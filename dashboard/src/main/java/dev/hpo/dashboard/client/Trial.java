package dev.hpo.dashboard.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A trial with every reported epoch and every status change, as study-service lists them. */
public record Trial(
        String id,
        int number,
        String status,
        String statusReason,
        int attempt,
        int bracket,
        String runnerId,
        Map<String, Object> params,
        Double bestValue,
        Integer bestEpoch,
        int epochsRun,
        int targetEpoch,
        Integer checkpointEpoch,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<Epoch> epochs,
        List<Transition> timeline) {

    /** One reported epoch; an epoch trained again after a lost runner appears once per attempt. */
    public record Epoch(int attempt, int epoch, Map<String, Double> metrics, double seconds) {

        public Double metric(String name) {
            return metrics == null ? null : metrics.get(name);
        }
    }

    /** One status change, with its reason. */
    public record Transition(Instant at, String from, String to, String reason) {
    }

    public List<Epoch> epochs() {
        return epochs == null ? List.of() : epochs;
    }

    public List<Transition> timeline() {
        return timeline == null ? List.of() : timeline;
    }

    public Map<String, Object> params() {
        return params == null ? Map.of() : params;
    }
}
