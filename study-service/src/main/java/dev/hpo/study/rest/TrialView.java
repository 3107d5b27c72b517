package dev.hpo.study.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.TrialTransition;
import dev.hpo.study.service.ParamsJson;

/** A trial with its hyperparameters, progress and every reported epoch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialView(
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

    /** One reported epoch. */
    public record Epoch(int attempt, int epoch, Map<String, Double> metrics, double seconds) {

        static Epoch of(TrialMetric metric) {
            return new Epoch(metric.attempt, metric.epoch, ParamsJson.readMetrics(metric.metrics), metric.seconds);
        }
    }

    /** One status change, with its reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Transition(Instant at, String from, String to, String reason) {

        static Transition of(TrialTransition t) {
            return new Transition(t.at, t.from == null ? null : t.from.name(), t.to.name(), t.reason);
        }
    }

    static TrialView of(Trial trial, List<TrialMetric> metrics, List<TrialTransition> transitions) {
        return new TrialView(trial.id.toString(), trial.number, trial.status.name(), trial.statusReason,
                trial.attempt, trial.bracket, trial.runnerId, ParamsJson.readParams(trial.params), trial.bestValue,
                trial.bestEpoch, trial.epochsRun, trial.targetEpoch, trial.checkpointEpoch, trial.createdAt,
                trial.startedAt, trial.finishedAt, metrics.stream().map(Epoch::of).toList(),
                transitions.stream().map(Transition::of).toList());
    }
}
