package dev.hpo.study.spec;

import java.util.Set;

import dev.hpo.study.algorithm.RandomSampler;
import dev.hpo.study.algorithm.SamplingSearch;
import dev.hpo.study.algorithm.SearchAlgorithm;

/** Builds the search algorithm a study names. */
public final class Algorithms {

    public static final Set<String> TYPES = Set.of("random");

    private Algorithms() {
    }

    public static SearchAlgorithm create(ValidStudy study) {
        StudySpec spec = study.spec();
        return switch (spec.algorithm().type()) {
            case "random" -> new SamplingSearch(new RandomSampler(study.space(), study.seed()), spec.maxTrials(),
                    spec.epochs());
            default -> throw new InvalidStudyException("algorithm.type",
                    "unknown algorithm '" + spec.algorithm().type() + "'; supported: " + TYPES);
        };
    }
}
