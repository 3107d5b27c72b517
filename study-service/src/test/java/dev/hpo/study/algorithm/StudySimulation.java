package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleBiFunction;

/**
 * A stand-in for the study service in algorithm tests: it keeps up to {@code parallelism} trials active, asks the
 * algorithm as the service does (applying each answer before asking again), and then lets the active trial with
 * the fewest epochs left (ties: lower number) train to its target, reporting objectives computed from its
 * parameters and the epoch. Everything is deterministic, so two runs with the same settings are identical.
 */
final class StudySimulation {

    private static final int MAX_EVENTS = 1_000_000;

    private final SearchAlgorithm algorithm;
    private final int parallelism;
    private final int maxEpochs;
    private final ToDoubleBiFunction<Map<String, Object>, Integer> objective;
    private final Map<Integer, Integer> failures = new HashMap<>();
    private final List<BiConsumer<List<TrialRecord>, Suggestion>> observers = new ArrayList<>();
    private final List<TrialRecord> history = new ArrayList<>();
    private final List<Suggestion> answers = new ArrayList<>();
    private long epochsTrained;

    StudySimulation(SearchAlgorithm algorithm, int parallelism, int maxEpochs,
            ToDoubleBiFunction<Map<String, Object>, Integer> objective) {
        this.algorithm = algorithm;
        this.parallelism = parallelism;
        this.maxEpochs = maxEpochs;
        this.objective = objective;
    }

    /** Trial {@code number} fails while training {@code epoch}: it reports the epochs before and is finished. */
    StudySimulation failing(int number, int epoch) {
        failures.put(number, epoch);
        return this;
    }

    /** Called with the history as the algorithm saw it and its answer, before the answer is applied. */
    StudySimulation observing(BiConsumer<List<TrialRecord>, Suggestion> observer) {
        observers.add(observer);
        return this;
    }

    /** Plays the study until the algorithm is done and nothing is active. */
    StudySimulation runToEnd() {
        for (int event = 0; event < MAX_EVENTS; event++) {
            Suggestion last = fillRunners();
            if (active().isEmpty()) {
                if (last instanceof Suggestion.Done) {
                    return this;
                }
                throw new AssertionError("nothing is active, yet the algorithm answered " + last);
            }
            train(nextToReport());
        }
        throw new AssertionError("the study did not end within " + MAX_EVENTS + " reports");
    }

    List<TrialRecord> history() {
        return history;
    }

    List<Suggestion> answers() {
        return answers;
    }

    <T extends Suggestion> List<T> answers(Class<T> type) {
        return answers.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Epochs the simulated runners trained, over all trials. */
    long epochsTrained() {
        return epochsTrained;
    }

    /** Applies an answer as the service would: a new active trial, a resumed one, or a finished one. */
    static void apply(List<TrialRecord> history, Suggestion answer) {
        if (answer instanceof Suggestion.Run run) {
            history.add(TrialRecord.started(history.size(), run.params(), run.bracket(), run.targetEpoch()));
        } else if (answer instanceof Suggestion.Resume resume) {
            TrialRecord trial = paused(history, resume.trialNumber(), "resumed");
            if (resume.targetEpoch() <= trial.epochsRun()) {
                throw new AssertionError("trial " + trial.number() + " resumed to epoch " + resume.targetEpoch()
                        + " but has run " + trial.epochsRun());
            }
            history.set(trial.number(), new TrialRecord(trial.number(), trial.params(), TrialState.ACTIVE,
                    trial.bracket(), resume.targetEpoch(), trial.objectives()));
        } else if (answer instanceof Suggestion.Finish finish) {
            history.set(finish.trialNumber(),
                    paused(history, finish.trialNumber(), "finished").withState(TrialState.FINISHED));
        }
    }

    private static TrialRecord paused(List<TrialRecord> history, int number, String what) {
        TrialRecord trial = history.get(number);
        if (trial.state() != TrialState.PAUSED) {
            throw new AssertionError("trial " + number + " was " + what + " while " + trial.state());
        }
        return trial;
    }

    /** Asks while a runner is free; returns the answer that ended the round, or null when all runners are busy. */
    private Suggestion fillRunners() {
        while (active().size() < parallelism) {
            Suggestion answer = algorithm.next(List.copyOf(history));
            List<TrialRecord> seen = List.copyOf(history);
            observers.forEach(o -> o.accept(seen, answer));
            answers.add(answer);
            if (answer instanceof Suggestion.Wait || answer instanceof Suggestion.Done) {
                return answer;
            }
            apply(history, answer);
        }
        return null;
    }

    private List<TrialRecord> active() {
        return history.stream().filter(t -> t.state() == TrialState.ACTIVE).toList();
    }

    private TrialRecord nextToReport() {
        TrialRecord next = null;
        for (TrialRecord trial : active()) {
            if (next == null || trial.targetEpoch() - trial.epochsRun() < next.targetEpoch() - next.epochsRun()) {
                next = trial;
            }
        }
        return next;
    }

    /** Trains from the trial's last epoch (its checkpoint) to its target, or until it fails. */
    private void train(TrialRecord trial) {
        List<Double> objectives = new ArrayList<>(trial.objectives());
        int failsAt = failures.getOrDefault(trial.number(), Integer.MAX_VALUE);
        for (int epoch = trial.epochsRun() + 1; epoch <= trial.targetEpoch(); epoch++) {
            if (epoch == failsAt) {
                history.set(trial.number(), new TrialRecord(trial.number(), trial.params(), TrialState.FINISHED,
                        trial.bracket(), trial.targetEpoch(), objectives));
                return;
            }
            objectives.add(objective.applyAsDouble(trial.params(), epoch));
            epochsTrained++;
        }
        TrialState state = trial.targetEpoch() >= maxEpochs ? TrialState.FINISHED : TrialState.PAUSED;
        history.set(trial.number(), new TrialRecord(trial.number(), trial.params(), state, trial.bracket(),
                trial.targetEpoch(), objectives));
    }
}
