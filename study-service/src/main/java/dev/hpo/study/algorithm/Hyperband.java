package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hyperband (Li et al., JMLR 2018): synchronous successive halving in each bracket of a {@link HyperbandPlan}, the
 * brackets run in order, {@code iterations} times over. A trial's {@code bracket} is its bracket's position in that
 * sequence, set when the trial is started; everything else follows from the history.
 * <p>
 * Brackets overlap: while one waits for its last trials of a rung, the next one starts its rung-0 trials, so a
 * runner is never idle while work exists. Each answer is, in this order: a paused trial to finish (it takes no
 * runner, so the service asks again at once), a paused trial to promote, a new trial for the bracket filling its
 * rung 0, {@code Wait}, and {@code Done} once every bracket has nothing active or paused left. A bracket whose
 * rung 0 stays short because the sampler has run out proceeds with the trials it has.
 * <p>
 * Only a bracket with a paused trial has a decision to make, so a call works out the progress of those brackets
 * alone. Which brackets those are, how many trials each started and how many are training are counts kept between
 * calls and updated with each change the caller reports ({@link IncrementalSearch}), so brackets that are done or
 * still training cost nothing, however many trials and iterations the study has.
 */
public final class Hyperband implements IncrementalSearch {

    private final Sampler sampler;
    private final HyperbandPlan plan;
    private final Direction direction;
    /** Built from the first history asked about; null until then. */
    private Counts counts;
    /** Whether the caller reports changes; until it does, every call reads the history afresh. */
    private boolean told;

    public Hyperband(Sampler sampler, HyperbandPlan plan, Direction direction) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.direction = Objects.requireNonNull(direction, "direction");
    }

    @Override
    public void observe(TrialRecord previous, TrialRecord current) {
        told = true;
        if (counts != null) {
            counts.replace(previous, current);
        }
    }

    @Override
    public Suggestion next(List<TrialRecord> trials) {
        if (counts == null || !told || counts.trials != trials.size()) {
            counts = new Counts(trials);
        }
        NewConfiguration fresh = new NewConfiguration(sampler, trials);
        int filling = fillingPosition(counts.latest, counts.started(counts.latest));
        List<BracketProgress> progress = new ArrayList<>();
        for (int position : counts.withPaused.keySet()) {
            boolean mayGrow = position == filling;
            List<TrialRecord> bracketTrials = counts.members.get(position).stream().map(trials::get).toList();
            progress.add(new BracketProgress(plan.bracketAt(position), bracketTrials,
                    () -> mayGrow && fresh.params().isPresent(), direction));
        }
        for (BracketProgress bracket : progress) {
            Optional<Suggestion.Finish> finish = bracket.firstFinish();
            if (finish.isPresent()) {
                return finish.get();
            }
        }
        for (BracketProgress bracket : progress) {
            Optional<Suggestion.Resume> resume = bracket.firstResume();
            if (resume.isPresent()) {
                return resume.get();
            }
        }
        if (filling < plan.sequenceLength() && fresh.params().isPresent()) {
            return new Suggestion.Run(fresh.params().get(), plan.bracketAt(filling).rung(0).epochs(), filling);
        }
        return counts.active > 0 ? new Suggestion.Wait() : new Suggestion.Done();
    }

    /** Per bracket position: the trials started there, by number, and how many of them are paused. */
    private final class Counts {

        /** How many trials the counts include. */
        private int trials;
        /** The trials started at each position, by number. */
        private final Map<Integer, List<Integer>> members = new HashMap<>();
        /** The positions with a paused trial, in order, and how many trials are paused there. */
        private final TreeMap<Integer, Integer> withPaused = new TreeMap<>();
        /** The latest position any trial was started in, 0 when none was. */
        private int latest;
        private int active;

        Counts(List<TrialRecord> history) {
            for (TrialRecord trial : history) {
                replace(null, trial);
            }
        }

        void replace(TrialRecord previous, TrialRecord current) {
            if (previous == null) {
                trials++;
                int position = current.bracket();
                if (position >= 0 && position < plan.sequenceLength()) {
                    members.computeIfAbsent(position, p -> new ArrayList<>()).add(current.number());
                    latest = Math.max(latest, position);
                }
            } else {
                count(previous, -1);
            }
            count(current, +1);
        }

        int started(int position) {
            List<Integer> started = members.get(position);
            return started == null ? 0 : started.size();
        }

        private void count(TrialRecord trial, int sign) {
            int position = trial.bracket();
            if (trial.state() == TrialState.ACTIVE) {
                active += sign;
            } else if (trial.state() == TrialState.PAUSED && position >= 0 && position < plan.sequenceLength()) {
                withPaused.merge(position, sign, (a, b) -> a + b == 0 ? null : a + b);
            }
        }
    }

    /**
     * The bracket new trials go to: the latest bracket started, while its rung 0 is short, else the one after it
     * ({@code sequenceLength} once all are full). A bracket left short when the sampler ran out is never topped up
     * later, because it may have promoted already.
     *
     * @param latest  the latest position any trial was started in, 0 when none was
     * @param started how many trials were started there
     */
    private int fillingPosition(int latest, int started) {
        return started >= plan.bracketAt(latest).trials() ? latest + 1 : latest;
    }

    /** The sampler's proposal for the next trial number, asked at most once per call. */
    private static final class NewConfiguration {

        private final Sampler sampler;
        private final List<TrialRecord> trials;
        private Optional<Map<String, Object>> params;

        NewConfiguration(Sampler sampler, List<TrialRecord> trials) {
            this.sampler = sampler;
            this.trials = trials;
        }

        Optional<Map<String, Object>> params() {
            if (params == null) {
                params = sampler.sample(trials.size(), trials);
            }
            return params;
        }
    }
}
