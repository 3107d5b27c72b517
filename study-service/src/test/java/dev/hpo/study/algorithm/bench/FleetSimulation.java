package dev.hpo.study.algorithm.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import dev.hpo.study.algorithm.IncrementalSearch;
import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.StoppingRule;
import dev.hpo.study.algorithm.Suggestion;
import dev.hpo.study.algorithm.TrialRecord;
import dev.hpo.study.algorithm.TrialState;

/**
 * A fleet of runners training one study, as a discrete-event simulation: no training, only the scheduling. Each
 * of {@code runners} runners trains one trial at a time, one epoch after another; an epoch takes 1.0 time unit
 * times a factor drawn uniformly from [1 − jitter, 1 + jitter] for each (trial, epoch), so runners drift apart as
 * real ones do. Each epoch reports the validation accuracy of {@link SurrogateCurves}.
 * <p>
 * The study service's part is played as {@code TrialScheduler} and {@code TrialEventService} play it, with the
 * study's parallelism equal to the number of runners, so every trial in flight has a runner at once:
 * <ul>
 * <li>at the start and whenever a trial stops training, the algorithm is asked while a runner is idle, each answer
 * applied before the next question: {@code Run}
 * creates a trial and gives it a runner, {@code Resume} gives a paused trial a runner and a later target,
 * {@code Finish} finishes a paused trial and asks again, {@code Wait} and {@code Done} end the round;</li>
 * <li>a trial that reports its target epoch pauses, or finishes at {@code maxEpochs};</li>
 * <li>with a stopping rule, every epoch before the target is shown to the rule with all other trials, and a stop
 * finishes the trial and frees its runner;</li>
 * <li>the study ends when nothing trains any more; the last answer must then be {@code Done}.</li>
 * </ul>
 * The algorithm is either built anew for each decision round, or ({@link #keepAlgorithm}) built once and told of
 * every change of the history, as the service does with the history it keeps while it applies a batch of events.
 * Decisions take no simulated time, and neither does a start or a resume from a checkpoint. The wall-clock time of
 * every call to {@link SearchAlgorithm#next} is recorded, with the number of trials it was shown. Runs with the same
 * settings are identical except for those timings.
 */
public final class FleetSimulation {

    /** As the service's round limit: more answers than this without a runner taken is an algorithm that loops. */
    private static final int ROUND_LIMIT = 100_000;

    private final Supplier<SearchAlgorithm> algorithms;
    private final int runners;
    private final int maxEpochs;
    private final SurrogateCurves curves;
    private final long seed;
    private double jitter = 0.10;
    private StoppingRule stoppingRule;
    private boolean keepAlgorithm;
    private SearchAlgorithm kept;

    private final List<TrialRecord> history = new ArrayList<>();
    private final List<TrialRecord> view = Collections.unmodifiableList(history);
    private final PriorityQueue<EpochEnd> training = new PriorityQueue<>(
            Comparator.comparingDouble(EpochEnd::time).thenComparingInt(EpochEnd::runner));
    private final Deque<Integer> idle = new ArrayDeque<>();
    private final Map<String, Integer> answers = new LinkedHashMap<>();
    private final List<Suggestion> answerLog = new ArrayList<>();
    private long[] decisionNanos = new long[1024];
    private int[] decisionTrials = new int[1024];
    private int decisions;
    private Suggestion lastAnswer;
    private double now;
    private double busy;
    private double idleTime;
    private double lastStartAt;
    private double idleAtLastStart;
    private long epochs;
    private int stopped;
    private Double best;
    private int bestTrial = -1;

    /**
     * @param algorithms builds the study's algorithm; called once per decision round, or once with {@link #keepAlgorithm}
     * @param maxEpochs  the study's epochs: a trial that reaches them finishes instead of pausing
     * @param seed       seeds the epoch times and, through {@code curves}, nothing else
     */
    public FleetSimulation(Supplier<SearchAlgorithm> algorithms, int runners, int maxEpochs, SurrogateCurves curves,
            long seed) {
        if (runners < 1) {
            throw new IllegalArgumentException("runners must be >= 1, was " + runners);
        }
        this.algorithms = algorithms;
        this.runners = runners;
        this.maxEpochs = maxEpochs;
        this.curves = curves;
        this.seed = seed;
    }

    /** Epoch times spread uniformly over [1 − jitter, 1 + jitter]; 0.10 unless set. */
    public FleetSimulation jitter(double jitter) {
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        this.jitter = jitter;
        return this;
    }

    /**
     * Builds the algorithm once and reports every change of the history to it when it is an
     * {@link IncrementalSearch}, instead of building it anew for each decision round.
     */
    public FleetSimulation keepAlgorithm() {
        this.keepAlgorithm = true;
        return this;
    }

    /** Asks {@code rule} after every epoch below a trial's target, as the service asks the study's rule. */
    public FleetSimulation stoppingRule(StoppingRule rule) {
        this.stoppingRule = rule;
        return this;
    }

    /** Plays the study to its end; call once. */
    public Result run() {
        if (lastAnswer != null) {
            throw new IllegalStateException("this simulation has run already");
        }
        for (int runner = runners - 1; runner >= 0; runner--) {
            idle.push(runner);
        }
        decide();
        while (!training.isEmpty()) {
            EpochEnd end = training.poll();
            idleTime += idle.size() * (end.time() - now);
            now = end.time();
            busy += end.duration();
            report(end);
        }
        if (!(lastAnswer instanceof Suggestion.Done)) {
            throw new IllegalStateException("nothing is training, yet the algorithm answered " + lastAnswer);
        }
        Map<String, Object> bestParams = bestTrial < 0 ? null : history.get(bestTrial).params();
        return new Result(runners, List.copyOf(history), epochs, stopped, now, busy, lastStartAt, idleAtLastStart,
                best == null ? Double.NaN : best, bestParams == null ? Double.NaN : SurrogateCurves.ceiling(bestParams),
                Map.copyOf(answers), List.copyOf(answerLog), Arrays.copyOf(decisionNanos, decisions),
                Arrays.copyOf(decisionTrials, decisions));
    }

    /** One decision round: ask while a runner is idle. */
    private void decide() {
        SearchAlgorithm algorithm = algorithm();
        for (int round = 0; !idle.isEmpty(); round++) {
            if (round > ROUND_LIMIT) {
                throw new IllegalStateException("the algorithm made no progress in " + ROUND_LIMIT + " answers");
            }
            long start = System.nanoTime();
            Suggestion answer = algorithm.next(view);
            record(System.nanoTime() - start, answer);
            if (answer instanceof Suggestion.Run run) {
                lastStartAt = now;
                idleAtLastStart = idleTime;
                int number = history.size();
                put(TrialRecord.started(number, run.params(), run.bracket(), run.targetEpoch()));
                startEpoch(idle.pop(), number);
            } else if (answer instanceof Suggestion.Resume resume) {
                TrialRecord trial = paused(resume.trialNumber(), answer);
                if (resume.targetEpoch() <= trial.epochsRun()) {
                    throw new IllegalStateException(answer + ": trial " + trial.number() + " has run "
                            + trial.epochsRun() + " epochs already");
                }
                put(new TrialRecord(trial.number(), trial.params(), TrialState.ACTIVE, trial.bracket(),
                        resume.targetEpoch(), trial.objectives()));
                startEpoch(idle.pop(), trial.number());
            } else if (answer instanceof Suggestion.Finish finish) {
                put(paused(finish.trialNumber(), answer).withState(TrialState.FINISHED));
            } else {
                return;
            }
        }
    }

    /** A runner has finished an epoch: the trial reports it, and trains on, pauses, finishes or is stopped. */
    private void report(EpochEnd end) {
        TrialRecord trial = history.get(end.trial());
        int epoch = trial.epochsRun() + 1;
        double value = curves.valAccuracy(trial.params(), trial.number(), epoch);
        epochs++;
        if (best == null || value > best) {
            best = value;
            bestTrial = trial.number();
        }
        List<Double> objectives = new ArrayList<>(trial.objectives());
        objectives.add(value);
        TrialRecord reported = new TrialRecord(trial.number(), trial.params(), TrialState.ACTIVE, trial.bracket(),
                trial.targetEpoch(), objectives);
        if (epoch >= trial.targetEpoch()) {
            release(end.runner(), reported.withState(
                    trial.targetEpoch() >= maxEpochs ? TrialState.FINISHED : TrialState.PAUSED));
        } else if (stoppingRule != null && stoppingRule.decide(reported, epoch, others(trial.number())).stops()) {
            stopped++;
            release(end.runner(), reported.withState(TrialState.FINISHED));
        } else {
            put(reported);
            startEpoch(end.runner(), trial.number());
        }
    }

    private void release(int runner, TrialRecord trial) {
        put(trial);
        idle.push(runner);
        decide();
    }

    private SearchAlgorithm algorithm() {
        if (!keepAlgorithm) {
            return algorithms.get();
        }
        if (kept == null) {
            kept = algorithms.get();
        }
        return kept;
    }

    /** Adds or replaces the trial's record, and tells a kept algorithm. */
    private void put(TrialRecord record) {
        TrialRecord previous = null;
        if (record.number() == history.size()) {
            history.add(record);
        } else {
            previous = history.set(record.number(), record);
        }
        if (kept instanceof IncrementalSearch incremental) {
            incremental.observe(previous, record);
        }
    }

    private void startEpoch(int runner, int trial) {
        int epoch = history.get(trial).epochsRun() + 1;
        SplittableRandom random = new SplittableRandom(seed * 0xBF58476D1CE4E5B9L + ((long) trial << 20) + epoch);
        double duration = 1.0 + jitter * (2 * random.nextDouble() - 1);
        training.add(new EpochEnd(now + duration, duration, runner, trial));
    }

    private List<TrialRecord> others(int number) {
        List<TrialRecord> others = new ArrayList<>(history.size());
        for (TrialRecord t : history) {
            if (t.number() != number) {
                others.add(t);
            }
        }
        return others;
    }

    private TrialRecord paused(int number, Suggestion answer) {
        TrialRecord trial = history.get(number);
        if (trial.state() != TrialState.PAUSED) {
            throw new IllegalStateException(answer + " for trial " + number + ", which is " + trial.state());
        }
        return trial;
    }

    private void record(long nanos, Suggestion answer) {
        if (decisions == decisionNanos.length) {
            decisionNanos = Arrays.copyOf(decisionNanos, decisions * 2);
            decisionTrials = Arrays.copyOf(decisionTrials, decisions * 2);
        }
        decisionNanos[decisions] = nanos;
        decisionTrials[decisions] = history.size();
        decisions++;
        answers.merge(answer.getClass().getSimpleName(), 1, Integer::sum);
        answerLog.add(answer);
        lastAnswer = answer;
    }

    private record EpochEnd(double time, double duration, int runner, int trial) {
    }

    /**
     * What one simulated study did.
     *
     * @param trials          every trial at the end, by number
     * @param epochs          epochs trained, over all trials
     * @param stopped         trials the stopping rule stopped
     * @param makespan        simulated time from the first decision to the last epoch, in mean epoch times
     * @param busyTime        runner time spent training, summed over runners
     * @param lastStartAt     when the last new trial was started
     * @param idleAtLastStart runner time spent idle until then, summed over runners
     * @param bestObjective   the best validation accuracy any trial reported after any epoch
     * @param bestCeiling     the noise-free ceiling of the trial that reported it
     * @param answers         how many answers of each kind the algorithm gave
     * @param answerLog       every answer, in call order
     * @param decisionNanos   wall-clock time of each call to the algorithm, in call order
     * @param decisionTrials  the number of trials each call was shown
     */
    public record Result(int runners, List<TrialRecord> trials, long epochs, int stopped, double makespan,
            double busyTime, double lastStartAt, double idleAtLastStart, double bestObjective, double bestCeiling,
            Map<String, Integer> answers, List<Suggestion> answerLog, long[] decisionNanos, int[] decisionTrials) {

        /** Busy runner time over all the runner time the study took. */
        public double utilisation() {
            return makespan == 0 ? 0 : busyTime / (runners * makespan);
        }

        /** Busy runner time over all the runner time until the last new trial started: before the tail. */
        public double utilisationUntilLastStart() {
            return lastStartAt == 0 ? 1 : 1 - idleAtLastStart / (runners * lastStartAt);
        }

        /** From the last new trial's start to the end: only promotions and the trials in flight are left. */
        public double tail() {
            return makespan - lastStartAt;
        }

        /** The highest ceiling of any configuration tried: what a perfect scheduler would have found. */
        public double bestCeilingTried() {
            return trials.stream().mapToDouble(t -> SurrogateCurves.ceiling(t.params())).max().orElse(Double.NaN);
        }
    }
}
