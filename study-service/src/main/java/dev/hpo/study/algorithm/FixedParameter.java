package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A value that every trial gets: part of the space so that it is recorded with each trial. Besides a number,
 * string or boolean it may be a list of numbers, for settings such as a step schedule's boundaries.
 */
public record FixedParameter(String name, Object value) implements Parameter {

    public FixedParameter {
        boolean numberList = value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(Number.class::isInstance);
        if (!(value instanceof Number || value instanceof String || value instanceof Boolean || numberList)) {
            throw new InvalidParameterException("value",
                    "a fixed value must be a number, string, boolean or a non-empty list of numbers");
        }
        if (value instanceof List<?> list) {
            value = List.copyOf(list);
        }
    }

    @Override
    public Object sample(RandomGenerator random) {
        return value;
    }

    @Override
    public Optional<List<Object>> finiteValues() {
        return Optional.of(List.of(value));
    }

    @Override
    public boolean contains(Object value) {
        return Values.same(this.value, value);
    }

    @Override
    public List<Object> boundaryValues() {
        return List.of(value);
    }
}
