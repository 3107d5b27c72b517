package dev.hpo.study.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which checkpoints of a study's finished trials to keep, so that disks and buckets do not fill up: the
 * {@code keepBest} finished trials with the best objective keep their final checkpoint and its model archive (for
 * {@code best-model} downloads and later fine-tuning), and lose their per-epoch checkpoints; every other finished
 * trial loses all of its checkpoints. Trials still queued, running or paused keep everything, since a paused trial
 * resumes from its checkpoint when promoted. Pure: the service reads the trials and carries out the plan.
 */
public final class CheckpointRetention {

    /**
     * A trial as retention sees it.
     *
     * @param finished   true once the trial will train no more
     * @param bestValue  its best objective value, or {@code null} when it reported none
     * @param checkpoint its last checkpoint's reference, or {@code null}
     * @param state      what an earlier sweep did: {@code null} (nothing), {@link Action#KEEP_FINAL} or
     *                   {@link Action#DELETE_ALL}
     */
    public record TrialCheckpoints(UUID trialId, boolean finished, Double bestValue, String checkpoint,
            Action state) {
    }

    public enum Action {
        /** Keep the final checkpoint and its model archive; delete the trial's other checkpoints. */
        KEEP_FINAL,
        /** Delete every checkpoint of the trial. */
        DELETE_ALL
    }

    /** What to do with one trial's checkpoints. */
    public record Decision(UUID trialId, Action action, String checkpoint) {
    }

    private CheckpointRetention() {
    }

    /**
     * Decisions for the finished trials whose state must change: newly finished ones, and kept ones that better
     * trials have since pushed out of the best {@code keepBest}. A deleted trial is never revisited.
     *
     * @throws IllegalArgumentException when {@code keepBest} is negative
     */
    public static List<Decision> plan(List<TrialCheckpoints> trials, boolean maximize, int keepBest) {
        if (keepBest < 0) {
            throw new IllegalArgumentException("keepBest must be >= 0, was " + keepBest);
        }
        Comparator<TrialCheckpoints> better = Comparator.comparingDouble(TrialCheckpoints::bestValue);
        if (maximize) {
            better = better.reversed();
        }
        Set<UUID> kept = trials.stream()
                .filter(t -> t.finished() && t.bestValue() != null && t.checkpoint() != null
                        && t.state() != Action.DELETE_ALL)
                .sorted(better.thenComparing(TrialCheckpoints::trialId))
                .limit(keepBest)
                .map(TrialCheckpoints::trialId)
                .collect(Collectors.toSet());
        List<Decision> decisions = new ArrayList<>();
        for (TrialCheckpoints trial : trials) {
            if (!trial.finished() || trial.state() == Action.DELETE_ALL) {
                continue;
            }
            Action action = kept.contains(trial.trialId()) ? Action.KEEP_FINAL : Action.DELETE_ALL;
            if (action != trial.state()) {
                decisions.add(new Decision(trial.trialId(), action, trial.checkpoint()));
            }
        }
        return decisions;
    }
}
