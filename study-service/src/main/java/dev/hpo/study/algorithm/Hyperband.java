package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
        Map<Integer, List<TrialRecord>> byBracket = new HashMap<>();
        trials.forEach(t -> byBracket.computeIfAbsent(t.bracket(), b -> new ArrayList<>()).add(t));
        int filling = fillingPosition(byBracket);

        List<BracketProgress> progress = new ArrayList<>();
        for (int position = 0; position < plan.sequenceLength(); position++) {
            boolean mayGrow = position == filling;
            progress.add(new BracketProgress(plan.bracketAt(position), byBracket.getOrDefault(position, List.of()),
                    () -> mayGrow && fresh.params().isPresent(), direction));
        }
        for (BracketProgress bracket : progress) {
            if (!bracket.finishes().isEmpty()) {
                return bracket.finishes().get(0);
            }
        }
        for (BracketProgress bracket : progress) {
            if (!bracket.resumes().isEmpty()) {
                return bracket.resumes().get(0);
            }
        }
        if (filling < plan.sequenceLength() && fresh.params().isPresent()) {
            return new Suggestion.Run(fresh.params().get(), plan.bracketAt(filling).rung(0).epochs(), filling);
        }
        return trials.stream().anyMatch(t -> t.state() == TrialState.ACTIVE) ? new Suggestion.Wait()
                : new Suggestion.Done();
    }

    /**
     * The bracket new trials go to: the latest bracket started, while its rung 0 is short, else the one after it
     * ({@code sequenceLength} once all are full). A bracket left short when the sampler ran out is never topped up
     * later, because it may have promoted already.
     */
    private int fillingPosition(Map<Integer, List<TrialRecord>> byBracket) {
        int latest = byBracket.keySet().stream().filter(p -> p >= 0 && p < plan.sequenceLength())
                .max(Integer::compare).orElse(0);
        boolean latestFull = byBracket.getOrDefault(latest, List.of()).size() >= plan.bracketAt(latest).trials();
        return latestFull ? latest + 1 : latest;
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
