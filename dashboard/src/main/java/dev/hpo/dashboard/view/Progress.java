package dev.hpo.dashboard.view;

import java.util.List;

import dev.hpo.dashboard.client.LeaderboardRow;
import dev.hpo.dashboard.client.StudySummary;

/**
 * How far a study has come: trials that train no more of those planned, and epochs trained of the plan's budget
 * (a promoted Hyperband trial resumes from its checkpoint, so its epochs count once).
 */
public record Progress(long trialsDone, long trialsPlanned, long epochsSpent, long epochsBudget) {

    /** From a study's detail (which carries its plan) and its leaderboard (which carries epochs run). */
    public static Progress of(StudySummary study, List<LeaderboardRow> rows) {
        long spent = rows.stream().mapToLong(LeaderboardRow::epochsRun).sum();
        long planned = study.plan() != null ? study.plan().trials() : study.trials().planned();
        long budget = study.plan() != null ? study.plan().totalEpochs() : (long) study.maxTrials() * study.epochs();
        return new Progress(study.trials().finished(), planned, spent, budget);
    }

    /** Trials done as a whole percentage, 0–100. */
    public int trialPercent() {
        return percent(trialsDone, trialsPlanned);
    }

    /** Epochs spent as a whole percentage, 0–100. */
    public int epochPercent() {
        return percent(epochsSpent, epochsBudget);
    }

    private static int percent(long part, long whole) {
        return whole <= 0 ? 0 : (int) Math.min(100, Math.round(100.0 * part / whole));
    }
}
