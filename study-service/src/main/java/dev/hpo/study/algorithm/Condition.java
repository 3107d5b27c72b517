package dev.hpo.study.algorithm;

import java.util.List;
import java.util.Map;

/**
 * Makes a parameter active only when its parent has one of the given values, as KerasTuner's
 * {@code conditional_scope}: {@code rho} only when {@code optimizer} is {@code rmsprop}.
 */
public record Condition(String parent, List<Object> values) {

    public Condition {
        if (parent == null || parent.isBlank()) {
            throw new InvalidParameterException("parent", "a condition needs a parent parameter");
        }
        if (values == null || values.isEmpty()) {
            throw new InvalidParameterException("parentValues", "a condition needs at least one parent value");
        }
        values = List.copyOf(values);
    }

    /** True when the parent is present among {@code assigned} with one of the values. */
    public boolean holds(Map<String, Object> assigned) {
        Object value = assigned.get(parent);
        return value != null && values.stream().anyMatch(v -> Values.same(v, value));
    }
}
