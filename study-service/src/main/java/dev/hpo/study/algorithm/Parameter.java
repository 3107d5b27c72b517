package dev.hpo.study.algorithm;

import java.util.List;
import java.util.random.RandomGenerator;

/** One hyperparameter of a search space: its name and how to draw a value for it. */
public sealed interface Parameter permits IntParameter, FloatParameter, ChoiceParameter, FixedParameter {

    String name();

    /** Draws one value; integers come back as {@link Integer}, reals as {@link Double}. */
    Object sample(RandomGenerator random);

    /**
     * The values this parameter can take when that set is finite and small, else the extreme values (min and max),
     * which is what a validator needs to check a range against what a model accepts.
     */
    List<Object> boundaryValues();
}
