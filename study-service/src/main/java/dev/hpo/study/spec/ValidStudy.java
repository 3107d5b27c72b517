package dev.hpo.study.spec;

import java.util.List;

import dev.hpo.study.algorithm.Direction;
import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.SearchSpace;

/**
 * A study spec that passed validation, with every default filled in, and the pieces built from it.
 *
 * @param spec           the spec as it will be stored: defaults explicit, seed chosen
 * @param space          the search space
 * @param maxTrialsGiven whether the user set {@code maxTrials} (grid search defaults it to the grid's size)
 * @param notes          things the user should know before spending the budget, e.g. a grid larger than it
 */
public record ValidStudy(StudySpec spec, SearchSpace space, boolean maxTrialsGiven, List<String> notes) {

    public ValidStudy {
        notes = List.copyOf(notes);
    }

    public ValidStudy(StudySpec spec, SearchSpace space, boolean maxTrialsGiven) {
        this(spec, space, maxTrialsGiven, List.of());
    }

    public boolean maximize() {
        return "maximize".equals(spec.objective().direction());
    }

    public Direction direction() {
        return Direction.of(maximize());
    }

    public long seed() {
        return spec.algorithm().seed();
    }

    /** The search algorithm of this study; cheap to build, so callers build one per decision. */
    public SearchAlgorithm algorithm() {
        return Algorithms.create(this);
    }
}
