package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** One hyperparameter of a search space: its name and how to draw a value for it. */
public sealed interface Parameter permits IntParameter, FloatParameter, ChoiceParameter, BooleanParameter,
        FixedParameter {

    String name();

    /** Draws one value; integers come back as {@link Integer}, reals as {@link Double}. */
    Object sample(RandomGenerator random);

    /** Every value the parameter can take, in ascending (or declared) order, when that set is finite. */
    Optional<List<Object>> finiteValues();

    /** True when {@code value} is one this parameter could have produced. */
    boolean contains(Object value);

    /**
     * The extreme values (min and max) or, for a finite set, every value: what a validator checks against the
     * range a model accepts.
     */
    List<Object> boundaryValues();
}
