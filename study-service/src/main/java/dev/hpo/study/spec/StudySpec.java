package dev.hpo.study.spec;

import java.util.List;
import java.util.Map;

/**
 * A study as users write it: the body of {@code POST /api/studies}. Optional fields may be {@code null};
 * {@link StudySpecValidator} fills in their defaults.
 */
public record StudySpec(
        String name,
        Objective objective,
        Algorithm algorithm,
        Integer maxTrials,
        Integer parallelism,
        Integer epochs,
        Model model,
        Dataset dataset,
        Map<String, ParameterSpec> space) {

    /** The metric to optimise and in which direction. */
    public record Objective(String metric, String direction) {
    }

    /** The search algorithm and its settings. */
    public record Algorithm(String type, Long seed) {
    }

    /** The model builder the runners use. */
    public record Model(String builder) {
    }

    /** The dataset and how much of its training split to use. */
    public record Dataset(String name, Integer trainLimit) {
    }

    /** One hyperparameter's range, in KerasTuner's vocabulary. */
    public record ParameterSpec(String type, Double min, Double max, Double step, String sampling,
            List<Object> values, Object value) {
    }
}
