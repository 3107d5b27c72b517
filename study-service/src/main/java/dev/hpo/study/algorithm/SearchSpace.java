package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The hyperparameters of a study, in declaration order, with the conditions under which some are active. A
 * parameter's parent must be declared before it, so one pass in order decides every parameter.
 */
public record SearchSpace(List<Parameter> parameters, Map<String, Condition> conditions) {

    /** Spaces with more configurations than this are not enumerated. */
    public static final int ENUMERATION_LIMIT = 100_000;

    public SearchSpace {
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one parameter");
        }
        parameters = List.copyOf(parameters);
        conditions = Map.copyOf(conditions);
        Set<String> declared = new HashSet<>();
        for (Parameter p : parameters) {
            Condition c = conditions.get(p.name());
            if (c != null && !declared.contains(c.parent())) {
                throw new IllegalArgumentException(
                        p.name() + "'s parent '" + c.parent() + "' must be a parameter declared before it");
            }
            if (!declared.add(p.name())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is declared twice");
            }
        }
    }

    public SearchSpace(List<Parameter> parameters) {
        this(parameters, Map.of());
    }

    /** One configuration: a value for every active parameter, in declaration order. */
    public Map<String, Object> sample(RandomGenerator random) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            if (isActive(parameter.name(), values)) {
                values.put(parameter.name(), parameter.sample(random));
            }
        }
        return values;
    }

    /** True when {@code name} has no condition, or its condition holds for the values decided so far. */
    public boolean isActive(String name, Map<String, Object> decided) {
        Condition condition = conditions.get(name);
        return condition == null || condition.holds(decided);
    }

    public Optional<Condition> condition(String name) {
        return Optional.ofNullable(conditions.get(name));
    }

    /** True when {@code config} has exactly the active parameters, each with a value the parameter can take. */
    public boolean contains(Map<String, Object> config) {
        Map<String, Object> decided = new HashMap<>();
        for (Parameter p : parameters) {
            boolean active = isActive(p.name(), decided);
            Object value = config.get(p.name());
            if (active != (value != null) || (active && !p.contains(value))) {
                return false;
            }
            if (active) {
                decided.put(p.name(), value);
            }
        }
        return config.keySet().stream().allMatch(decided::containsKey);
    }

    /**
     * Every configuration, the last parameter varying fastest, when each active parameter has finitely many
     * values and there are at most {@link #ENUMERATION_LIMIT} configurations; otherwise empty.
     */
    public Optional<List<Map<String, Object>>> enumerate() {
        List<Map<String, Object>> all = new ArrayList<>();
        return extend(0, new LinkedHashMap<>(), all) ? Optional.of(Collections.unmodifiableList(all))
                : Optional.empty();
    }

    private boolean extend(int index, Map<String, Object> partial, List<Map<String, Object>> out) {
        if (index == parameters.size()) {
            out.add(Collections.unmodifiableMap(new LinkedHashMap<>(partial)));
            return out.size() <= ENUMERATION_LIMIT;
        }
        Parameter p = parameters.get(index);
        if (!isActive(p.name(), partial)) {
            return extend(index + 1, partial, out);
        }
        Optional<List<Object>> values = p.finiteValues();
        if (values.isEmpty()) {
            return false;
        }
        for (Object value : values.get()) {
            partial.put(p.name(), value);
            boolean ok = extend(index + 1, partial, out);
            partial.remove(p.name());
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
