package dev.hpo.study.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hpo.study.algorithm.Asha;
import dev.hpo.study.algorithm.GridSampler;
import dev.hpo.study.algorithm.Hyperband;
import dev.hpo.study.algorithm.HyperbandPlan;
import dev.hpo.study.algorithm.InvalidParameterException;
import dev.hpo.study.algorithm.RandomSampler;
import dev.hpo.study.algorithm.Sampler;
import dev.hpo.study.algorithm.SamplingSearch;
import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.TpeSampler;

/** Builds the search algorithm a study names, and checks what only a built algorithm can tell. */
public final class Algorithms {

    private Algorithms() {
    }

    public static SearchAlgorithm create(ValidStudy study) {
        StudySpec spec = study.spec();
        StudySpec.Algorithm a = spec.algorithm();
        return switch (a.type()) {
            case "random" -> new SamplingSearch(new RandomSampler(study.space(), study.seed()), spec.maxTrials(),
                    spec.epochs());
            case "grid" -> new SamplingSearch(new GridSampler(study.space()), spec.maxTrials(), spec.epochs());
            case "tpe" -> new SamplingSearch(tpe(study), spec.maxTrials(), spec.epochs());
            case "hyperband" -> new Hyperband(new RandomSampler(study.space(), study.seed()),
                    hyperbandPlan(study).orElseThrow(), study.direction());
            case "bohb" -> new Hyperband(tpe(study), hyperbandPlan(study).orElseThrow(), study.direction());
            // one run of the fixed configuration; the runner sweeps the learning rate
            case AlgorithmSettings.RANGE_TEST -> new SamplingSearch(new RandomSampler(study.space(), study.seed()), 1,
                    spec.epochs());
            case "asha" -> new Asha(new RandomSampler(study.space(), study.seed()), a.minEpochs(), a.maxEpochs(),
                    a.factor(), spec.maxTrials(), study.direction());
            default -> throw new InvalidStudyException("algorithm.type",
                    "unknown algorithm '" + a.type() + "'; supported: " + AlgorithmSettings.TYPES);
        };
    }

    private static Sampler tpe(ValidStudy study) {
        StudySpec.Algorithm a = study.spec().algorithm();
        return new TpeSampler(study.space(), study.seed(), study.direction(), a.startupTrials(), a.candidates());
    }

    /** Hyperband's and BOHB's plan; empty for the other algorithms. */
    public static Optional<HyperbandPlan> hyperbandPlan(ValidStudy study) {
        StudySpec.Algorithm a = study.spec().algorithm();
        if (!"hyperband".equals(a.type()) && !"bohb".equals(a.type())) {
            return Optional.empty();
        }
        return Optional.of("paper".equals(a.arithmetic())
                ? HyperbandPlan.paper(a.maxEpochs(), a.factor(), a.iterations())
                : HyperbandPlan.kerasTuner(a.maxEpochs(), a.factor(), a.minEpochs(), a.iterations()));
    }

    /**
     * ASHA's expected epochs per trial if every rung promotes exactly 1/factor: rung k's extra epochs are paid by
     * a factor^-k share of the trials.
     */
    static double ashaExpectedEpochsPerTrial(ValidStudy study) {
        StudySpec.Algorithm a = study.spec().algorithm();
        double expected = 0;
        int previous = 0;
        double share = 1;
        for (long epochs = a.minEpochs(); previous < a.maxEpochs(); epochs *= a.factor()) {
            int rung = (int) Math.min(epochs, a.maxEpochs());
            expected += share * (rung - previous);
            previous = rung;
            share /= a.factor();
        }
        return expected;
    }

    /**
     * Builds the algorithm once, so a spec that cannot run is refused at submission; fixes the trial count of
     * plans that decide it themselves; adds notes about the budget.
     */
    static ValidStudy check(ValidStudy study) {
        StudySpec spec = study.spec();
        String type = spec.algorithm().type();
        List<String> notes = new ArrayList<>(study.notes());
        Optional<HyperbandPlan> plan;
        try {
            plan = hyperbandPlan(study);
        } catch (IllegalArgumentException e) {
            throw new InvalidStudyException("algorithm", e.getMessage());
        }
        if (plan.isPresent()) {
            // a stored spec carries the plan's own count, which is no conflict
            if (study.maxTrialsGiven() && spec.maxTrials() != plan.get().totalTrials()) {
                throw new InvalidStudyException("maxTrials", type + " creates the trials its brackets need ("
                        + plan.get().totalTrials() + " for these settings); leave maxTrials out and see "
                        + "POST /api/studies/preview");
            }
            spec = withMaxTrials(spec, plan.get().totalTrials());
        }
        if ("grid".equals(type)) {
            int size;
            try {
                size = new GridSampler(study.space()).size();
            } catch (InvalidParameterException e) {
                throw new InvalidStudyException(e.field(), e.getMessage());
            }
            if (!study.maxTrialsGiven()) {
                spec = withMaxTrials(spec, Math.min(size, StudySpecValidator.MAX_TRIALS_LIMIT));
            }
            if (spec.maxTrials() < size) {
                notes.add("the grid has " + size + " configurations; maxTrials " + spec.maxTrials()
                        + " runs only the first " + spec.maxTrials() + " of them, in grid order");
            }
        }
        ValidStudy checked = new ValidStudy(spec, study.space(), study.maxTrialsGiven(), notes);
        try {
            create(checked);
        } catch (InvalidParameterException e) {
            throw new InvalidStudyException("space", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidStudyException("algorithm", e.getMessage());
        }
        return checked;
    }

    private static StudySpec withMaxTrials(StudySpec s, int maxTrials) {
        return new StudySpec(s.name(), s.objective(), s.algorithm(), s.earlyStopping(), maxTrials, s.parallelism(),
                s.epochs(), s.model(), s.dataset(), s.space());
    }
}
