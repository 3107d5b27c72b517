package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hyperband (Li et al., JMLR 2018): synchronous successive halving in each bracket of a {@link HyperbandPlan}, the
 * brackets run in order, {@code iterations} times over. A trial's {@code bracket} is its bracket's position in that
 * sequence, set when the trial is started; everything else is recomputed from the history on each call.
 * <p>
 * Brackets overlap: while one waits for its last trials of a rung, the next one starts its rung-0 trials, so a
 * runner is never idle while work exists. Each answer is, in this order: a paused trial to finish (it takes no
 * runner, so the service asks again at once), a paused trial to promote, a new trial for the bracket filling its
 * rung 0, {@code Wait}, and {@code Done} once every bracket has nothing active or paused left. A bracket whose
 * rung 0 stays short because the sampler has run out proceeds with the trials it has.
 * <p>
 * Only a bracket with a paused trial has a decision to make, so each call reads the history in two passes and
 * works out the progress of those brackets alone: brackets that are done or still training cost nothing beyond
 * the reading, however many iterations the plan has.
 */
public final class Hyperband implements SearchAlgorithm {

    private final Sampler sampler;
    private final HyperbandPlan plan;
    private final Direction direction;

    public Hyperband(Sampler sampler, HyperbandPlan plan, Direction direction) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.direction = Objects.requireNonNull(direction, "direction");
    }

    @Override
    public Suggestion next(List<TrialRecord> trials) {
        NewConfiguration fresh = new NewConfiguration(sampler, trials);
        int positions = plan.sequenceLength();
        int[] started = new int[positions];
        boolean[] anyPaused = new boolean[positions];
        int latest = 0;
        boolean anyActive = false;
        for (TrialRecord trial : trials) {
            anyActive |= trial.state() == TrialState.ACTIVE;
            int position = trial.bracket();
            if (position >= 0 && position < positions) {
                started[position]++;
                anyPaused[position] |= trial.state() == TrialState.PAUSED;
                latest = Math.max(latest, position);
            }
        }
        int filling = fillingPosition(latest, started[latest]);

        Map<Integer, List<TrialRecord>> deciding = new TreeMap<>();
        for (TrialRecord trial : trials) {
            int position = trial.bracket();
            if (position >= 0 && position < positions && anyPaused[position]) {
                deciding.computeIfAbsent(position, p -> new ArrayList<>()).add(trial);
            }
        }
        List<BracketProgress> progress = new ArrayList<>();
        deciding.forEach((position, bracketTrials) -> {
            boolean mayGrow = position == filling;
            progress.add(new BracketProgress(plan.bracketAt(position), bracketTrials,
                    () -> mayGrow && fresh.params().isPresent(), direction));
        });
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
        if (filling < positions && fresh.params().isPresent()) {
            return new Suggestion.Run(fresh.params().get(), plan.bracketAt(filling).rung(0).epochs(), filling);
        }
        return anyActive ? new Suggestion.Wait() : new Suggestion.Done();
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
