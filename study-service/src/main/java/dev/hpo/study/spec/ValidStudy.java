package dev.hpo.study.spec;

import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.SearchSpace;

/**
 * A study spec that passed validation, with every default filled in, and the pieces built from it.
 *
 * @param spec  the spec as it will be stored: defaults explicit, seed chosen
 * @param space the search space
 */
public record ValidStudy(StudySpec spec, SearchSpace space) {

    public boolean maximize() {
        return "maximize".equals(spec.objective().direction());
    }

    public long seed() {
        return spec.algorithm().seed();
    }

    /** The search algorithm of this study; cheap to build, so callers build one per decision. */
    public SearchAlgorithm algorithm() {
        return Algorithms.create(this);
    }
}
