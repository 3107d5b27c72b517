package dev.hpo.study.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.hpo.study.algorithm.Bracket;
import dev.hpo.study.algorithm.HyperbandPlan;
import dev.hpo.study.algorithm.Rung;
import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.Suggestion;
import dev.hpo.study.algorithm.TrialRecord;

/**
 * What a study will cost before it runs: trials, epochs, Hyperband's brackets, and the first configurations.
 *
 * @param trials      trials the study will create (an upper bound when early stopping or a sampler may end it
 *                    sooner)
 * @param totalEpochs epochs the study will train in all, counting a promoted trial's epochs once, since it resumes
 *                    from its checkpoint (for ASHA the expected value: its promotions depend on results)
 * @param brackets    Hyperband and BOHB: from the most aggressive bracket to the least, per iteration
 * @param refine      with {@code refine}: the two phases' trials, and the bracket that marks the fine phase's
 * @param samples     the first configurations that would be tried, when asked for (of the coarse phase: the fine
 *                    phase's depend on the coarse phase's results)
 * @param notes       things to know before spending the budget
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyPlan(StudySpec spec, int trials, long totalEpochs, List<BracketView> brackets,
        RefineView refine, List<Map<String, Object>> samples, List<String> notes) {

    /**
     * Coarse to fine.
     *
     * @param coarseTrials trials of the coarse phase (the algorithm's own)
     * @param fineTrials   trials of the fine phase, drawn from the narrowed space
     * @param keepTop      the best coarse trials the ranges are narrowed around
     * @param fineBracket  the {@code bracket} of the fine phase's trials; the coarse phase's are below it
     */
    public record RefineView(int coarseTrials, int fineTrials, int keepTop, int fineBracket) {
    }

    /** One bracket: its rungs in order. */
    public record BracketView(List<RungView> rungs) {
    }

    /**
     * @param configs trials at this rung
     * @param epochs  the epoch this rung trains up to
     */
    public record RungView(int configs, int epochs) {
    }

    public static StudyPlan of(ValidStudy study, int sample) {
        StudySpec spec = study.spec();
        List<BracketView> brackets = null;
        int coarseTrials = Algorithms.coarseTrials(spec);
        long totalEpochs = (long) coarseTrials * spec.epochs();
        var plan = Algorithms.hyperbandPlan(study);
        if (plan.isPresent()) {
            brackets = brackets(plan.get());
            totalEpochs = plan.get().totalEpochs();
        } else if ("asha".equals(spec.algorithm().type())) {
            totalEpochs = Math.round(coarseTrials * Algorithms.ashaExpectedEpochsPerTrial(study));
        }
        RefineView refine = null;
        if (spec.refine() != null) {
            refine = new RefineView(coarseTrials, spec.refine().trials(), spec.refine().keepTop(),
                    Algorithms.fineBracket(study));
            totalEpochs += (long) refine.fineTrials() * spec.epochs();
        }
        return new StudyPlan(spec, spec.maxTrials(), totalEpochs, brackets, refine,
                sample > 0 ? samples(study.algorithm(), sample) : null, study.notes());
    }

    private static List<BracketView> brackets(HyperbandPlan plan) {
        List<BracketView> views = new ArrayList<>();
        for (int i = 0; i < plan.iterations(); i++) {
            for (Bracket bracket : plan.brackets()) {
                views.add(new BracketView(bracket.rungs().stream().map(StudyPlan::rung).toList()));
            }
        }
        return views;
    }

    private static RungView rung(Rung rung) {
        return new RungView(rung.configs(), rung.epochs());
    }

    /** Asks the algorithm as if every trial ran at once and none had reported yet. */
    private static List<Map<String, Object>> samples(SearchAlgorithm algorithm, int n) {
        List<TrialRecord> history = new ArrayList<>();
        List<Map<String, Object>> samples = new ArrayList<>();
        while (samples.size() < n && algorithm.next(history) instanceof Suggestion.Run run) {
            samples.add(run.params());
            history.add(TrialRecord.started(history.size(), run.params(), run.bracket(), run.targetEpoch()));
        }
        return samples;
    }
}
