package dev.hpo.study.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code lr-range-test} study may say: it runs one configuration, so every hyperparameter it sets is
 * {@code fixed}; it sweeps the learning rate itself, so neither the rate nor its schedule may be set; and it
 * measures the training loss.
 */
final class RangeTestSettings {

    /** Names the sweep replaces. */
    private static final Set<String> SWEPT = Set.of("learning_rate", "lr_schedule", "decay_steps", "decay_rate",
            "staircase", "lr_boundaries", "lr_values");

    private RangeTestSettings() {
    }

    /** The objective: the training loss, minimised; it may be left out. */
    static StudySpec.Objective objective(StudySpec.Objective objective, List<FieldError> errors) {
        if (objective != null && objective.metric() != null && !"loss".equals(objective.metric())) {
            errors.add(new FieldError("objective.metric", "a range test measures the training loss; use loss or leave"
                    + " the objective out, was '" + objective.metric() + "'"));
        }
        if (objective != null && objective.direction() != null && !"minimize".equals(objective.direction())) {
            errors.add(new FieldError("objective.direction", "a range test minimises the loss"));
        }
        return new StudySpec.Objective("loss", "minimize");
    }

    static void check(StudySpec spec, List<FieldError> errors) {
        if (spec.maxTrials() != null && spec.maxTrials() != 1) {
            errors.add(new FieldError("maxTrials", "a range test is one run; leave maxTrials out"));
        }
        if (spec.parallelism() != null && spec.parallelism() != 1) {
            errors.add(new FieldError("parallelism", "a range test is one run; leave parallelism out"));
        }
        if (spec.refine() != null) {
            errors.add(new FieldError("refine", "a range test is one run; it has nothing to refine"));
        }
        if (spec.earlyStopping() != null) {
            errors.add(new FieldError("earlyStopping", "a range test stops by itself once the loss explodes"));
        }
        Map<String, StudySpec.ParameterSpec> space = spec.space() == null ? Map.of() : spec.space();
        space.forEach((name, parameter) -> {
            if (SWEPT.contains(name)) {
                errors.add(new FieldError("space." + name, "the range test sweeps the learning rate from "
                        + "algorithm.minLr to algorithm.maxLr; leave " + name + " out"));
            } else if (parameter == null || !"fixed".equals(parameter.type())) {
                errors.add(new FieldError("space." + name, "a range test runs one configuration: give "
                        + name + " as {\"type\": \"fixed\", \"value\": ...}"));
            }
        });
    }
}
