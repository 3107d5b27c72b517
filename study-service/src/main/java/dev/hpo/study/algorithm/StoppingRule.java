package dev.hpo.study.algorithm;

import java.util.List;

/**
 * Decides whether a trial that has just reported an epoch should train on. Implementations hold no mutable state:
 * the decision is a function of the history passed in, so a restarted service asks again and gets the same answer.
 */
public interface StoppingRule {

    /**
     * @param trial  the trial that has just reported; its objectives after {@code epoch} (if any) are ignored
     * @param epoch  the epoch it reported (1-based)
     * @param others every other trial of the study, in any state
     * @return {@link StopDecision.Continue} or {@link StopDecision.Stop} with the figures compared; never throws
     *         for a well-formed history
     */
    StopDecision decide(TrialRecord trial, int epoch, List<TrialRecord> others);
}
