package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Where one bracket of a Hyperband study stands, worked out from its trials alone, and the promotion decisions it
 * is ready to make. A trial's rung is the highest rung whose epoch its {@code targetEpoch} reaches: a promotion
 * raises the target, so the target records how far the trial was sent.
 * <p>
 * Successive halving here is synchronous: rung i's trials are ranked once none of them is still training, and only
 * after every trial of rung i - 1 was either promoted or finished, so each rung ranks a complete field.
 */
final class BracketProgress {

    private final Bracket bracket;
    private final List<TrialRecord> trials;
    private final Direction direction;
    private final List<Suggestion.Finish> finishes = new ArrayList<>();
    private final List<Suggestion.Resume> resumes = new ArrayList<>();

    /**
     * @param trials          the bracket's trials, ordered by number
     * @param rungZeroFilling whether rung 0 will still get new trials; asked only once rung 0's trials have all
     *                        reported, because answering it may mean asking the sampler
     */
    BracketProgress(Bracket bracket, List<TrialRecord> trials, BooleanSupplier rungZeroFilling, Direction direction) {
        this.bracket = bracket;
        this.trials = List.copyOf(trials);
        this.direction = direction;
        decide(rungZeroFilling);
    }

    /** Paused trials that will not be promoted, in rank order. */
    List<Suggestion.Finish> finishes() {
        return finishes;
    }

    /** Paused trials to promote, best first. */
    List<Suggestion.Resume> resumes() {
        return resumes;
    }

    private void decide(BooleanSupplier rungZeroFilling) {
        for (int rung = 0; rung <= bracket.lastRung(); rung++) {
            List<TrialRecord> atRung = atRung(rung);
            if (atRung.stream().anyMatch(t -> t.state() == TrialState.ACTIVE)) {
                return;
            }
            if (rung == 0 && rungZeroFilling.getAsBoolean()) {
                return;
            }
            List<TrialRecord> paused = atRung.stream().filter(t -> t.state() == TrialState.PAUSED).toList();
            if (paused.isEmpty()) {
                // this rung's promotions are all made (or nothing reached it): the next rung decides
                continue;
            }
            if (rung == bracket.lastRung()) {
                // the service finishes trials at the study's last epoch; a plan ending earlier must not strand them
                paused.forEach(t -> finishes.add(new Suggestion.Finish(t.number(),
                        "reached the last rung of its bracket (epoch " + bracket.maxEpochs() + ")")));
            } else {
                promoteFrom(rung, paused);
            }
            return;
        }
    }

    private void promoteFrom(int rung, List<TrialRecord> paused) {
        Rung from = bracket.rung(rung);
        Rung to = bracket.rung(rung + 1);
        // everyone sent to this rung competes, including trials already promoted by an earlier call
        RungRanking ranking = new RungRanking(trials.stream().filter(t -> rungOf(t) >= rung).toList(),
                from.epochs(), direction);
        List<TrialRecord> top = ranking.top(to.configs());
        Set<Integer> promoted = new HashSet<>();
        top.forEach(t -> promoted.add(t.number()));
        String quota = "top " + top.size() + " promoted";
        Set<Integer> waiting = new HashSet<>();
        paused.forEach(t -> waiting.add(t.number()));
        for (TrialRecord trial : ranking.ranked()) {
            if (!waiting.contains(trial.number())) {
                // training further already, or finished: a trial that failed keeps its place but is not resumed
                continue;
            }
            if (promoted.contains(trial.number())) {
                resumes.add(new Suggestion.Resume(trial.number(), to.epochs(), "promoted to rung " + (rung + 1)
                        + " (epoch " + to.epochs() + "): " + ranking.describe(trial) + ", " + quota));
            } else {
                finishes.add(new Suggestion.Finish(trial.number(), "not promoted from rung " + rung + " (epoch "
                        + from.epochs() + "): " + ranking.describe(trial) + "; " + quota));
            }
        }
    }

    private List<TrialRecord> atRung(int rung) {
        return trials.stream().filter(t -> rungOf(t) == rung).toList();
    }

    private int rungOf(TrialRecord trial) {
        int rung = 0;
        for (int i = 1; i <= bracket.lastRung(); i++) {
            if (trial.targetEpoch() >= bracket.rung(i).epochs()) {
                rung = i;
            }
        }
        return rung;
    }
}
