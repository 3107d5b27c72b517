package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** A value that every trial gets: part of the space so that it is recorded with each trial. */
public record FixedParameter(String name, Object value) implements Parameter {

    public FixedParameter {
        if (!(value instanceof Number || value instanceof String || value instanceof Boolean)) {
            throw new InvalidParameterException("value", "a fixed value must be a number, string or boolean");
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
