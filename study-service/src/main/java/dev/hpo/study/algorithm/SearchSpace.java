package dev.hpo.study.algorithm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The hyperparameters of a study, in declaration order. */
public record SearchSpace(List<Parameter> parameters) {

    public SearchSpace {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one parameter");
        }
        parameters = List.copyOf(parameters);
    }

    /** One configuration: a value for every parameter, in declaration order. */
    public Map<String, Object> sample(RandomGenerator random) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            values.put(parameter.name(), parameter.sample(random));
        }
        return values;
    }
}
