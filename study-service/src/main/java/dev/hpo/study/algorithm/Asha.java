package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020,
 * Algorithm 2). Rungs sit at minEpochs · factor^k epochs below maxEpochs, and at maxEpochs. Nothing waits for a
 * rung to fill: whenever a runner is free, a paused trial that ranks in the top ⌊m / factor⌋ of the m trials that
 * have reached its rung is promoted (highest rung first, best trial first), and otherwise a new trial starts. A
 * runner therefore idles only once maxTrials trials exist and nothing is promotable.
 * <p>
 * Once nothing is active and nothing is promotable, the trials still paused are finished one per call, and then
 * the study is done. A trial that reached a rung but cannot continue (it failed) keeps its place in the ranking:
 * the paper promotes from the top ⌊m / factor⌋ and never lowers the bar for a failure.
 */
public final class Asha implements SearchAlgorithm {

    private final Sampler sampler;
    private final List<Integer> rungEpochs;
    private final int factor;
    private final int maxTrials;
    private final Direction direction;

    public Asha(Sampler sampler, int minEpochs, int maxEpochs, int factor, int maxTrials, Direction direction) {
        requireAtLeast("minEpochs", minEpochs, 1);
        if (maxEpochs < minEpochs) {
            throw new IllegalArgumentException("maxEpochs must be >= minEpochs (" + minEpochs + "), was " + maxEpochs);
        }
        requireAtLeast("factor", factor, 2);
        requireAtLeast("maxTrials", maxTrials, 1);
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.rungEpochs = rungEpochs(minEpochs, maxEpochs, factor);
        this.factor = factor;
        this.maxTrials = maxTrials;
        this.direction = Objects.requireNonNull(direction, "direction");
    }

    /** minEpochs · factor^k for every k where that is below maxEpochs, then maxEpochs. */
    static List<Integer> rungEpochs(int minEpochs, int maxEpochs, int factor) {
        List<Integer> epochs = new ArrayList<>();
        for (long e = minEpochs; e < maxEpochs; e *= factor) {
            epochs.add((int) e);
        }
        epochs.add(maxEpochs);
        return List.copyOf(epochs);
    }

    @Override
    public Suggestion next(List<TrialRecord> trials) {
        Optional<Suggestion.Resume> promotion = promotion(trials);
        if (promotion.isPresent()) {
            return promotion.get();
        }
        if (trials.size() < maxTrials) {
            Optional<Map<String, Object>> params = sampler.sample(trials.size(), trials);
            if (params.isPresent()) {
                return new Suggestion.Run(params.get(), rungEpochs.get(0), 0);
            }
        }
        if (trials.stream().anyMatch(t -> t.state() == TrialState.ACTIVE)) {
            return new Suggestion.Wait();
        }
        return trials.stream().filter(t -> t.state() == TrialState.PAUSED).findFirst()
                .<Suggestion>map(t -> finishAtEnd(t, trials)).orElseGet(Suggestion.Done::new);
    }

    /** {@code get_job}'s search: from the second-highest rung down, the best promotable paused trial. */
    private Optional<Suggestion.Resume> promotion(List<TrialRecord> trials) {
        for (int rung = rungEpochs.size() - 2; rung >= 0; rung--) {
            RungRanking ranking = ranking(rung, trials);
            List<TrialRecord> top = ranking.top(ranking.size() / factor);
            for (TrialRecord trial : top) {
                if (waitsAt(trial, rung)) {
                    int target = rungEpochs.get(rung + 1);
                    return Optional.of(new Suggestion.Resume(trial.number(), target, "promoted to rung " + (rung + 1)
                            + " (epoch " + target + "): " + ranking.describe(trial) + ", top " + top.size()
                            + " promotable"));
                }
            }
        }
        return Optional.empty();
    }

    private Suggestion.Finish finishAtEnd(TrialRecord trial, List<TrialRecord> trials) {
        int rung = rungOf(trial);
        RungRanking ranking = ranking(rung, trials);
        return new Suggestion.Finish(trial.number(), "not promoted from rung " + rung + " (epoch "
                + rungEpochs.get(rung) + ") before the study ended: " + ranking.describe(trial) + "; top "
                + ranking.size() / factor + " promotable");
    }

    /** The trials that have reported the rung's epoch, whether they went on or not. */
    private RungRanking ranking(int rung, List<TrialRecord> trials) {
        int epoch = rungEpochs.get(rung);
        return new RungRanking(trials.stream().filter(t -> t.epochsRun() >= epoch).toList(), epoch, direction);
    }

    /** Paused at this rung, so neither promoted from it yet nor finished. */
    private boolean waitsAt(TrialRecord trial, int rung) {
        return trial.state() == TrialState.PAUSED && rungOf(trial) == rung;
    }

    /** The highest rung whose epoch the trial's target reaches: promotions raise the target. */
    private int rungOf(TrialRecord trial) {
        int rung = 0;
        for (int i = 1; i < rungEpochs.size(); i++) {
            if (trial.targetEpoch() >= rungEpochs.get(i)) {
                rung = i;
            }
        }
        return rung;
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}
