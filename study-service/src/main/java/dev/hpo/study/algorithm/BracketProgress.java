package dev.hpo.study.algorithm;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Where one bracket of a Hyperband study stands, worked out from its trials alone, and the promotion decisions it
 * is ready to make. A trial's rung is the highest rung whose epoch its {@code targetEpoch} reaches: a promotion
 * raises the target, so the target records how far the trial was sent.
 * <p>
 * Successive halving here is synchronous: rung i's trials are ranked once none of them is still training, and only
 * after every trial of rung i - 1 was either promoted or finished, so each rung ranks a complete field.
 * <p>
 * The caller takes one decision per call, so only the first finish and the first promotion are written out; the
 * rest are decided again, with the same result, when it asks again.
 */
final class BracketProgress {

    private final Bracket bracket;
    private final List<TrialRecord> trials;
    private final Direction direction;
    /** The rung whose paused trials are decided now, or -1 when none is ready. */
    private int deciding = -1;
    private List<TrialRecord> paused = List.of();
    /** When a rung below the last decides: its ranking and the trials in its top. */
    private RungRanking ranking;
    private Set<Integer> promoted = Set.of();

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

    /** The first paused trial that will not be promoted, in rank order (at the last rung: by number). */
    Optional<Suggestion.Finish> firstFinish() {
        if (deciding < 0) {
            return Optional.empty();
        }
        if (deciding == bracket.lastRung()) {
            // the service finishes trials at the study's last epoch; a plan ending earlier must not strand them
            return Optional.of(new Suggestion.Finish(paused.get(0).number(),
                    "reached the last rung of its bracket (epoch " + bracket.maxEpochs() + ")"));
        }
        Rung from = bracket.rung(deciding);
        return waitingInRankOrder().filter(t -> !promoted.contains(t.number())).findFirst()
                .map(t -> new Suggestion.Finish(t.number(), "not promoted from rung " + deciding + " (epoch "
                        + from.epochs() + "): " + ranking.describe(t) + "; " + quota()));
    }

    /** The best paused trial to promote. */
    Optional<Suggestion.Resume> firstResume() {
        if (deciding < 0 || deciding == bracket.lastRung()) {
            return Optional.empty();
        }
        Rung to = bracket.rung(deciding + 1);
        return waitingInRankOrder().filter(t -> promoted.contains(t.number())).findFirst()
                .map(t -> new Suggestion.Resume(t.number(), to.epochs(), "promoted to rung " + (deciding + 1)
                        + " (epoch " + to.epochs() + "): " + ranking.describe(t) + ", " + quota()));
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
            List<TrialRecord> waiting = atRung.stream().filter(t -> t.state() == TrialState.PAUSED).toList();
            if (waiting.isEmpty()) {
                // this rung's promotions are all made (or nothing reached it): the next rung decides
                continue;
            }
            deciding = rung;
            paused = waiting;
            if (rung < bracket.lastRung()) {
                rank(rung);
            }
            return;
        }
    }

    private void rank(int rung) {
        // everyone sent to this rung competes, including trials already promoted by an earlier call
        ranking = new RungRanking(trials.stream().filter(t -> rungOf(t) >= rung).toList(),
                bracket.rung(rung).epochs(), direction);
        promoted = new HashSet<>();
        ranking.top(bracket.rung(rung + 1).configs()).forEach(t -> promoted.add(t.number()));
    }

    /**
     * The paused trials of the deciding rung, best first: trials training further already, or finished, are
     * skipped; a trial that failed keeps its place but is not resumed.
     */
    private Stream<TrialRecord> waitingInRankOrder() {
        Set<Integer> waiting = new HashSet<>();
        paused.forEach(t -> waiting.add(t.number()));
        return ranking.ranked().stream().filter(t -> waiting.contains(t.number()));
    }

    private String quota() {
        return "top " + ranking.top(bracket.rung(deciding + 1).configs()).size() + " promoted";
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
