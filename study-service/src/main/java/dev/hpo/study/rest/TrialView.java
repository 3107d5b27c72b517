package dev.hpo.study.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.service.ParamsJson;

/** A trial with its hyperparameters, progress and every reported epoch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialView(
        String id,
        int number,
        String status,
        String statusReason,
        int attempt,
        String runnerId,
        Map<String, Object> params,
        Double bestValue,
        Integer bestEpoch,
        int epochsRun,
        int targetEpoch,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        List<Epoch> epochs) {

    /** One reported epoch. */
    public record Epoch(int attempt, int epoch, Map<String, Double> metrics, double seconds) {

        static Epoch of(TrialMetric metric) {
            return new Epoch(metric.attempt, metric.epoch, ParamsJson.readMetrics(metric.metrics), metric.seconds);
        }
    }

    static TrialView of(Trial trial, List<TrialMetric> metrics) {
        return new TrialView(trial.id.toString(), trial.number, trial.status.name(), trial.statusReason,
                trial.attempt, trial.runnerId, ParamsJson.readParams(trial.params), trial.bestValue, trial.bestEpoch,
                trial.epochsRun, trial.targetEpoch, trial.createdAt, trial.startedAt, trial.finishedAt,
                metrics.stream().map(Epoch::of).toList());
    }
}
