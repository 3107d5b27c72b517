package dev.hpo.study.algorithm;

import java.util.List;

/**
 * Chooses what a study does next from the trials so far. An answer depends on the history alone (and the study
 * seed), so a restarted service asks again and gets the same answer. Implementations hold no state, or only state
 * derived from the history they were shown ({@link IncrementalSearch}).
 * <p>
 * The service calls {@link #next} while fewer than {@code parallelism} trials are active, applying each answer
 * to the history before asking again: {@code Run} and {@code Resume} take a runner, {@code Finish} does not,
 * {@code Wait} and {@code Done} end the round.
 */
public interface SearchAlgorithm {

    /**
     * @param trials every trial of the study so far, ordered by number
     */
    Suggestion next(List<TrialRecord> trials);
}
