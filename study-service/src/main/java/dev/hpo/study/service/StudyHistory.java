package dev.hpo.study.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.algorithm.IncrementalSearch;
import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.TrialRecord;
import dev.hpo.study.algorithm.TrialState;

/**
 * A study's stored trials and metrics turned into the immutable records algorithms read. While a transaction
 * decides, it is kept in step with what that transaction changes ({@link #add}, {@link #update}, {@link #stored}),
 * so it always equals what reading the study again would give. The algorithm deciding on it ({@link #algorithm}) is
 * kept with it and told of each of those changes, so an {@link IncrementalSearch} need not read it again.
 */
public final class StudyHistory {

    /** What the algorithms read of a stored epoch. */
    public record Epoch(UUID trialId, int attempt, int epoch, Double objective) {
    }

    private final List<Trial> trials;
    private final List<TrialRecord> records = new ArrayList<>();
    private final List<TrialRecord> recordsView = Collections.unmodifiableList(records);
    private final Map<UUID, Integer> numbers = new HashMap<>();
    private final Map<UUID, TreeMap<Integer, Epoch>> epochs = new HashMap<>();
    private SearchAlgorithm algorithm;
    /** Trials whose record is active: queued or running. */
    private int inFlight;

    /**
     * @param trials  every trial of the study, ordered by number
     * @param metrics every stored epoch of those trials; for an epoch reported by several attempts the latest wins
     */
    public StudyHistory(List<Trial> trials, List<TrialMetric> metrics) {
        this(trials);
        for (TrialMetric m : metrics) {
            merge(new Epoch(m.trialId, m.attempt, m.epoch, m.objective));
        }
        index();
    }

    private StudyHistory(List<Trial> trials) {
        this.trials = new ArrayList<>(trials);
    }

    /** The same from the stored epochs' objectives alone, without the rest of their metrics. */
    public static StudyHistory of(List<Trial> trials, List<Epoch> stored) {
        StudyHistory history = new StudyHistory(trials);
        stored.forEach(history::merge);
        history.index();
        return history;
    }

    /**
     * The histories of several studies from their trials and stored epochs read together.
     *
     * @param trials every trial of the studies, each study's ordered by number
     */
    public static Map<UUID, StudyHistory> byStudy(Collection<UUID> studyIds, List<Trial> trials, List<Epoch> stored) {
        Map<UUID, List<Trial>> trialsByStudy = new HashMap<>();
        Map<UUID, UUID> studyOfTrial = new HashMap<>();
        for (Trial t : trials) {
            trialsByStudy.computeIfAbsent(t.studyId, id -> new ArrayList<>()).add(t);
            studyOfTrial.put(t.id, t.studyId);
        }
        Map<UUID, List<Epoch>> epochsByStudy = new HashMap<>();
        for (Epoch e : stored) {
            epochsByStudy.computeIfAbsent(studyOfTrial.get(e.trialId()), id -> new ArrayList<>()).add(e);
        }
        Map<UUID, StudyHistory> histories = new HashMap<>();
        for (UUID id : studyIds) {
            histories.put(id, of(trialsByStudy.getOrDefault(id, List.of()), epochsByStudy.getOrDefault(id, List.of())));
        }
        return histories;
    }

    private void index() {
        for (Trial trial : trials) {
            numbers.put(trial.id, trial.number);
            TrialRecord record = record(trial, epochs.getOrDefault(trial.id, new TreeMap<>()));
            records.add(record);
            inFlight += active(record);
        }
    }

    private void merge(Epoch e) {
        epochs.computeIfAbsent(e.trialId(), id -> new TreeMap<>())
                .merge(e.epoch(), e, (a, b) -> b.attempt() >= a.attempt() ? b : a);
    }

    private static TrialRecord record(Trial trial, TreeMap<Integer, Epoch> epochs) {
        return new TrialRecord(trial.number, ParamsJson.readParams(trial.params), state(trial), trial.bracket,
                trial.targetEpoch, objectives(epochs));
    }

    private static List<Double> objectives(TreeMap<Integer, Epoch> epochs) {
        List<Double> objectives = new ArrayList<>();
        int last = epochs.isEmpty() ? 0 : epochs.lastKey();
        for (int e = 1; e <= last; e++) {
            Epoch m = epochs.get(e);
            objectives.add(m == null ? null : m.objective());
        }
        return objectives;
    }

    static TrialState state(Trial trial) {
        return switch (trial.status) {
            case QUEUED, RUNNING -> TrialState.ACTIVE;
            case PAUSED -> TrialState.PAUSED;
            case COMPLETED, PRUNED, FAILED -> TrialState.FINISHED;
        };
    }

    /** The study's algorithm for this history, built on first use and kept in step with it from then on. */
    public SearchAlgorithm algorithm(Supplier<SearchAlgorithm> build) {
        if (algorithm == null) {
            algorithm = build.get();
        }
        return algorithm;
    }

    public List<TrialRecord> records() {
        return recordsView;
    }

    public List<Trial> trials() {
        return trials;
    }

    public Trial trial(int number) {
        return trials.get(number);
    }

    /** True when the trial belongs to this history's study. */
    public boolean contains(UUID trialId) {
        return numbers.containsKey(trialId);
    }

    /** Adds a trial created by this decision round, so the next question to the algorithm sees it. */
    public void add(Trial trial) {
        trials.add(trial);
        numbers.put(trial.id, trial.number);
        TrialRecord record = record(trial, new TreeMap<>());
        records.add(record);
        inFlight += active(record);
        if (algorithm instanceof IncrementalSearch incremental) {
            incremental.observe(null, record);
        }
    }

    /** Refreshes a trial's record after its status or target changed in this round. */
    public void update(Trial trial) {
        TrialRecord old = records.get(trial.number);
        replace(new TrialRecord(old.number(), old.params(), state(trial), trial.bracket, trial.targetEpoch,
                old.objectives()));
    }

    /** Adds an epoch stored in this round to its trial's record. */
    public void stored(Epoch epoch) {
        Integer number = numbers.get(epoch.trialId());
        if (number == null) {
            throw new IllegalArgumentException("trial " + epoch.trialId() + " is not in this study");
        }
        merge(epoch);
        Trial trial = trials.get(number);
        TrialRecord old = records.get(number);
        replace(new TrialRecord(old.number(), old.params(), state(trial), trial.bracket, trial.targetEpoch,
                objectives(epochs.get(epoch.trialId()))));
    }

    private void replace(TrialRecord record) {
        TrialRecord previous = records.set(record.number(), record);
        inFlight += active(record) - active(previous);
        if (algorithm instanceof IncrementalSearch incremental) {
            incremental.observe(previous, record);
        }
    }

    /** Trials queued or running, as their records say. */
    public long inFlight() {
        return inFlight;
    }

    private static int active(TrialRecord record) {
        return record.state() == TrialState.ACTIVE ? 1 : 0;
    }
}
