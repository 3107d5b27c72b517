package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** One of a list of numbers, strings or booleans, each equally likely, as KerasTuner's {@code hp.Choice}. */
public record ChoiceParameter(String name, List<Object> values) implements Parameter {

    public ChoiceParameter {
        if (values == null || values.isEmpty()) {
            throw new InvalidParameterException("values", "a choice needs at least one value");
        }
        for (Object value : values) {
            if (!(value instanceof Number || value instanceof String || value instanceof Boolean)) {
                throw new InvalidParameterException("values",
                        "choice values must be numbers, strings or booleans, found " + value);
            }
        }
        for (int i = 0; i < values.size(); i++) {
            for (int j = i + 1; j < values.size(); j++) {
                if (Values.same(values.get(i), values.get(j))) {
                    throw new InvalidParameterException("values", "choice values must be distinct: " + values);
                }
            }
        }
        values = List.copyOf(values);
    }

    @Override
    public Object sample(RandomGenerator random) {
        return values.get(random.nextInt(values.size()));
    }

    @Override
    public Optional<List<Object>> finiteValues() {
        return Optional.of(values);
    }

    @Override
    public boolean contains(Object value) {
        return values.stream().anyMatch(v -> Values.same(v, value));
    }

    @Override
    public List<Object> boundaryValues() {
        return values;
    }
}
