package dev.hpo.dashboard.view;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A trial's hyperparameters in the order of the study's search space, each with how it was searched. */
public final class Hyperparameters {

    /**
     * @param range how the space defines it, e.g. "int 32–512 step 32", "choice of 3", or "" when not in the space
     * @param active whether the trial has a value (a conditional hyperparameter may be inactive)
     */
    public record Entry(String name, Object value, String range, boolean active) {
    }

    private Hyperparameters() {
    }

    public static List<Entry> of(Map<String, Map<String, Object>> space, Map<String, Object> params) {
        Set<String> names = new LinkedHashSet<>(space.keySet());
        names.addAll(params.keySet());
        List<Entry> entries = new ArrayList<>(names.size());
        for (String name : names) {
            entries.add(new Entry(name, params.get(name), range(space.get(name)), params.containsKey(name)));
        }
        return entries;
    }

    static String range(Map<String, Object> spec) {
        if (spec == null) {
            return "";
        }
        Object type = spec.get("type");
        StringBuilder text = new StringBuilder(String.valueOf(type));
        if (spec.get("min") != null || spec.get("max") != null) {
            text.append(' ').append(Formats.param(spec.get("min"))).append('–').append(Formats.param(spec.get("max")));
        }
        if (spec.get("step") != null) {
            text.append(" step ").append(Formats.param(spec.get("step")));
        }
        if (spec.get("sampling") != null && !"linear".equals(spec.get("sampling"))) {
            text.append(", ").append(spec.get("sampling"));
        }
        if (spec.get("values") instanceof List<?> values) {
            text.append(" of ").append(values.stream().map(Formats::param).toList());
        }
        if (spec.get("parent") != null) {
            text.append(", when ").append(spec.get("parent")).append(" is ").append(spec.get("parentValues"));
        }
        return text.toString();
    }
}
