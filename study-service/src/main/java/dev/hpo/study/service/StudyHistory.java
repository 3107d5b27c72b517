package dev.hpo.study.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.algorithm.TrialRecord;
import dev.hpo.study.algorithm.TrialState;

/** A study's stored trials and metrics turned into the immutable records algorithms read. */
public final class StudyHistory {

    private final List<Trial> trials;
    private final List<TrialRecord> records = new ArrayList<>();

    /**
     * @param trials  every trial of the study, ordered by number
     * @param metrics every stored epoch of those trials; for an epoch reported by several attempts the latest wins
     */
    public StudyHistory(List<Trial> trials, List<TrialMetric> metrics) {
        this.trials = new ArrayList<>(trials);
        Map<UUID, TreeMap<Integer, TrialMetric>> byTrial = new HashMap<>();
        for (TrialMetric m : metrics) {
            byTrial.computeIfAbsent(m.trialId, id -> new TreeMap<>())
                    .merge(m.epoch, m, (a, b) -> b.attempt >= a.attempt ? b : a);
        }
        for (Trial trial : trials) {
            records.add(record(trial, byTrial.getOrDefault(trial.id, new TreeMap<>())));
        }
    }

    private static TrialRecord record(Trial trial, TreeMap<Integer, TrialMetric> epochs) {
        List<Double> objectives = new ArrayList<>();
        int last = epochs.isEmpty() ? 0 : epochs.lastKey();
        for (int e = 1; e <= last; e++) {
            TrialMetric m = epochs.get(e);
            objectives.add(m == null ? null : m.objective);
        }
        return new TrialRecord(trial.number, ParamsJson.readParams(trial.params), state(trial), trial.bracket,
                trial.targetEpoch, objectives);
    }

    static TrialState state(Trial trial) {
        return switch (trial.status) {
            case QUEUED, RUNNING -> TrialState.ACTIVE;
            case PAUSED -> TrialState.PAUSED;
            case COMPLETED, PRUNED, FAILED -> TrialState.FINISHED;
        };
    }

    public List<TrialRecord> records() {
        return records;
    }

    public List<Trial> trials() {
        return trials;
    }

    public Trial trial(int number) {
        return trials.get(number);
    }

    /** Adds a trial created by this decision round, so the next question to the algorithm sees it. */
    public void add(Trial trial) {
        trials.add(trial);
        records.add(record(trial, new TreeMap<>()));
    }

    /** Refreshes a trial's record after its status changed in this round. */
    public void update(Trial trial) {
        TrialRecord old = records.get(trial.number);
        records.set(trial.number, new TrialRecord(old.number(), old.params(), state(trial), trial.bracket,
                trial.targetEpoch, old.objectives()));
    }

    public long inFlight() {
        return trials.stream().filter(t -> t.status.inFlight()).count();
    }
}
