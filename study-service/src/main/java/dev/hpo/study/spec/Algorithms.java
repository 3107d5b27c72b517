package dev.hpo.study.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hpo.study.algorithm.Asha;
import dev.hpo.study.algorithm.CoarseToFine;
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
        SearchAlgorithm coarse = coarse(study, coarseTrials(spec));
        StudySpec.Refine refine = spec.refine();
        if (refine == null) {
            return coarse;
        }
        return new CoarseToFine(coarse, study.space(), study.seed(), study.direction(), refine.keepTop(),
                refine.trials(), spec.epochs(), fineBracket(study));
    }

    /** The algorithm the study names, with the trials of its own (with {@code refine}, the coarse) phase. */
    private static SearchAlgorithm coarse(ValidStudy study, int trials) {
        StudySpec spec = study.spec();
        StudySpec.Algorithm a = spec.algorithm();
        return switch (a.type()) {
            case "random" -> new SamplingSearch(new RandomSampler(study.space(), study.seed()), trials,
                    spec.epochs());
            case "grid" -> new SamplingSearch(new GridSampler(study.space()), trials, spec.epochs());
            case "tpe" -> new SamplingSearch(tpe(study), trials, spec.epochs());
            case "hyperband" -> new Hyperband(new RandomSampler(study.space(), study.seed()),
                    hyperbandPlan(study).orElseThrow(), study.direction());
            case "bohb" -> new Hyperband(tpe(study), hyperbandPlan(study).orElseThrow(), study.direction());
            // one run of the fixed configuration; the runner sweeps the learning rate
            case AlgorithmSettings.RANGE_TEST -> new SamplingSearch(new RandomSampler(study.space(), study.seed()), 1,
                    spec.epochs());
            case "asha" -> new Asha(new RandomSampler(study.space(), study.seed()), a.minEpochs(), a.maxEpochs(),
                    a.factor(), trials, study.direction());
            default -> throw new InvalidStudyException("algorithm.type",
                    "unknown algorithm '" + a.type() + "'; supported: " + AlgorithmSettings.TYPES);
        };
    }

    /** Trials of the algorithm's own phase: all of them, or with {@code refine} those before the fine phase. */
    public static int coarseTrials(StudySpec spec) {
        return spec.refine() == null ? spec.maxTrials() : spec.refine().after();
    }

    /**
     * The bracket a {@code refine} study's fine trials are started in: one past the coarse algorithm's brackets,
     * so 1 for the algorithms without brackets, the length of the bracket sequence for Hyperband and BOHB.
     */
    public static int fineBracket(ValidStudy study) {
        return hyperbandPlan(study).map(HyperbandPlan::sequenceLength).orElse(1);
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
     * plans that decide it themselves and, with {@code refine}, the coarse phase's trials ({@code maxTrials} then
     * counts both phases); adds notes about the budget.
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
        StudySpec.Refine refine = spec.refine();
        int fine = refine == null ? 0 : refine.trials();
        Integer gridSize = "grid".equals(type) ? gridSize(study) : null;
        int coarse;
        if (plan.isPresent()) {
            coarse = plan.get().totalTrials();
            if (refine != null && refine.after() != null && refine.after() != coarse) {
                throw new InvalidStudyException("refine.after", type + "'s coarse phase is its plan, " + coarse
                        + " trials for these settings; leave refine.after out");
            }
            // a stored spec carries the plan's own count, which is no conflict
            if (study.maxTrialsGiven() && spec.maxTrials() != coarse + fine) {
                throw new InvalidStudyException("maxTrials", type + " creates the trials its brackets need ("
                        + coarse + " for these settings" + (refine == null ? "" : ", and refine.trials " + fine
                        + " more") + "); leave maxTrials out and see POST /api/studies/preview");
            }
            spec = withMaxTrials(spec, coarse + fine);
        } else if (refine != null && refine.after() != null) {
            coarse = refine.after();
        } else if (refine != null && study.maxTrialsGiven()) {
            coarse = spec.maxTrials() - fine;
        } else if (gridSize != null) {
            coarse = study.maxTrialsGiven() ? spec.maxTrials()
                    : Math.min(gridSize, StudySpecValidator.MAX_TRIALS_LIMIT - fine);
        } else {
            coarse = spec.maxTrials();
        }
        if (gridSize != null && coarse < gridSize) {
            String budget = refine == null ? "maxTrials" : "the coarse phase (refine.after)";
            notes.add("the grid has " + gridSize + " configurations; " + budget + " " + coarse
                    + " runs only the first " + coarse + " of them, in grid order");
        }
        if (refine != null) {
            spec = refined(spec, study.maxTrialsGiven(), coarse, refine);
        } else {
            spec = withMaxTrials(spec, coarse);
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

    private static int gridSize(ValidStudy study) {
        try {
            return new GridSampler(study.space()).size();
        } catch (InvalidParameterException e) {
            throw new InvalidStudyException(e.field(), e.getMessage());
        }
    }

    /** Settles the coarse phase's trials and makes {@code maxTrials} count both phases. */
    private static StudySpec refined(StudySpec spec, boolean maxTrialsGiven, int coarse, StudySpec.Refine refine) {
        int fine = refine.trials();
        if (coarse < 1) {
            throw new InvalidStudyException("refine.trials", "leaves no trials for the coarse phase: maxTrials ("
                    + spec.maxTrials() + ") counts both phases, so it must exceed refine.trials (" + fine + ")");
        }
        if (maxTrialsGiven && spec.maxTrials() != coarse + fine) {
            throw new InvalidStudyException("maxTrials", "with refine, maxTrials counts both phases: refine.after ("
                    + coarse + ") + refine.trials (" + fine + ") = " + (coarse + fine) + "; leave it out or make it "
                    + (coarse + fine) + ", was " + spec.maxTrials());
        }
        if (coarse + fine > StudySpecValidator.MAX_TRIALS_LIMIT) {
            throw new InvalidStudyException("refine.trials", "the coarse phase (" + coarse + ") and the fine phase ("
                    + fine + ") make more than " + StudySpecValidator.MAX_TRIALS_LIMIT + " trials");
        }
        if (refine.keepTop() > coarse) {
            throw new InvalidStudyException("refine.keepTop", "must be at most the coarse phase's trials (" + coarse
                    + "), was " + refine.keepTop());
        }
        StudySpec s = withMaxTrials(spec, coarse + fine);
        return new StudySpec(s.name(), s.objective(), s.algorithm(), s.earlyStopping(),
                new StudySpec.Refine(coarse, refine.keepTop(), fine), s.maxTrials(), s.parallelism(), s.epochs(),
                s.model(), s.dataset(), s.space());
    }

    private static StudySpec withMaxTrials(StudySpec s, int maxTrials) {
        return new StudySpec(s.name(), s.objective(), s.algorithm(), s.earlyStopping(), s.refine(), maxTrials,
                s.parallelism(), s.epochs(), s.model(), s.dataset(), s.space());
    }
}
