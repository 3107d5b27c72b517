package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** True or false, each equally likely, as KerasTuner's {@code hp.Boolean}. */
public record BooleanParameter(String name) implements Parameter {

    @Override
    public Object sample(RandomGenerator random) {
        return random.nextBoolean();
    }

    @Override
    public Optional<List<Object>> finiteValues() {
        return Optional.of(List.of(false, true));
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Boolean;
    }

    @Override
    public List<Object> boundaryValues() {
        return List.of(false, true);
    }
}
