package dev.hpo.study.rest;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.hpo.study.Study;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.algorithm.RangeTestAnalysis;
import dev.hpo.study.spec.StudyPlan;
import dev.hpo.study.spec.StudySpec;
import dev.hpo.study.spec.StudySpecReader;

/** A study as the API shows it: settings, progress and the best trial so far. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyView(
        String id,
        String name,
        String status,
        String algorithm,
        StudySpec.Objective objective,
        int maxTrials,
        int parallelism,
        int epochs,
        long seed,
        Counts trials,
        BestTrial best,
        Instant createdAt,
        Instant completedAt,
        StudySpec spec,
        StudyPlan plan,
        Long epochsTrained,
        RangeTestAnalysis.SuggestedRange suggestedRange) {

    /** Trials by status; {@code planned} is the study's trial budget. */
    public record Counts(int planned, long queued, long running, long paused, long completed, long pruned,
            long failed) {

        static Counts of(int planned, Map<TrialStatus, Long> counts) {
            return new Counts(planned, count(counts, TrialStatus.QUEUED), count(counts, TrialStatus.RUNNING),
                    count(counts, TrialStatus.PAUSED), count(counts, TrialStatus.COMPLETED),
                    count(counts, TrialStatus.PRUNED), count(counts, TrialStatus.FAILED));
        }

        private static long count(Map<TrialStatus, Long> counts, TrialStatus status) {
            return counts.getOrDefault(status, 0L);
        }
    }

    /** The best trial: its objective value and, in the detail view, its hyperparameters. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BestTrial(String trialId, Integer number, Double value, Integer epoch, Map<String, Object> params) {
    }

    static StudyView summary(Study study, Map<TrialStatus, Long> counts) {
        return of(study, counts, study.bestTrialId == null ? null
                : new BestTrial(study.bestTrialId.toString(), null, study.bestValue, null, null), false, null, null);
    }

    /**
     * @param epochsTrained  epochs trained so far over all trials, to set against {@code plan.totalEpochs}
     * @param suggestedRange a finished learning-rate range test's reading, else {@code null}
     */
    static StudyView detail(Study study, Map<TrialStatus, Long> counts, BestTrial best, long epochsTrained,
            RangeTestAnalysis.SuggestedRange suggestedRange) {
        return of(study, counts, best, true, epochsTrained, suggestedRange);
    }

    private static StudyView of(Study study, Map<TrialStatus, Long> counts, BestTrial best, boolean withSpec,
            Long epochsTrained, RangeTestAnalysis.SuggestedRange suggestedRange) {
        StudySpec spec = StudySpecReader.parse(study.spec);
        StudyPlan plan = null;
        if (withSpec) {
            StudyPlan full = StudyPlan.of(StudySpecReader.readStored(study.spec), 0);
            plan = new StudyPlan(null, full.trials(), full.totalEpochs(), full.brackets(), full.refine(), null,
                    full.notes());
        }
        return new StudyView(study.id.toString(), study.name, study.status.name(), study.algorithm,
                spec.objective(), study.maxTrials, study.parallelism, study.epochs, study.seed,
                Counts.of(study.maxTrials, counts), best, study.createdAt, study.completedAt, withSpec ? spec : null,
                plan, epochsTrained, suggestedRange);
    }
}
