package dev.hpo.dashboard.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.client.Trial;

/**
 * Hyperparameters against the objective: one axis per hyperparameter in space order (fixed ones left out, since
 * a single value says nothing), the objective last, and one line per trial with a value, the best {@code limit}.
 *
 * @param trials trials with a value; {@code rows.size()} of them are drawn
 */
public record ParallelCoordinates(int trials, List<Axis> axes, List<Row> rows) {

    /**
     * @param type   {@code value}, {@code log} (log-sampled ranges) or {@code category}
     * @param values the categories in the space's order, for {@code category}
     */
    public record Axis(String name, String type, List<String> values) {
    }

    /** One trial: {@code name} is "#number", {@code value} one entry per axis ({@code null} if inactive). */
    public record Row(String name, String trialId, List<Object> value) {
    }

    public static ParallelCoordinates of(StudySummary study, List<Trial> trials, int limit) {
        Comparator<Double> better = study.objective().maximize() ? Comparator.reverseOrder()
                : Comparator.naturalOrder();
        List<Trial> valued = trials.stream().filter(t -> t.bestValue() != null && Double.isFinite(t.bestValue()))
                .sorted(Comparator.comparing(Trial::bestValue, better).thenComparingInt(Trial::number))
                .toList();
        Map<String, Axis> params = axes(study.space(), valued);
        List<Axis> axes = new ArrayList<>(params.values());
        axes.add(new Axis(study.objective().metric(), "value", null));
        List<Row> rows = new ArrayList<>();
        for (Trial t : valued.subList(0, Math.min(limit, valued.size()))) {
            List<Object> value = new ArrayList<>(axes.size());
            params.forEach((name, axis) -> value.add(cell(axis, t.params().get(name))));
            value.add(t.bestValue());
            rows.add(new Row("#" + t.number(), t.id(), value));
        }
        return new ParallelCoordinates(valued.size(), axes, rows);
    }

    private static Object cell(Axis axis, Object raw) {
        if (raw == null) {
            return null;
        }
        return "category".equals(axis.type()) ? Formats.param(raw) : raw;
    }

    private static Map<String, Axis> axes(Map<String, Map<String, Object>> space, List<Trial> trials) {
        Set<String> names = new LinkedHashSet<>(space.keySet());
        trials.forEach(t -> names.addAll(t.params().keySet()));
        Map<String, Axis> axes = new LinkedHashMap<>();
        for (String name : names) {
            Map<String, Object> spec = space.getOrDefault(name, Map.of());
            String type = String.valueOf(spec.get("type"));
            if ("fixed".equals(type)) {
                continue;
            }
            boolean numeric = "int".equals(type) || "float".equals(type)
                    || !space.containsKey(name) && trials.stream().map(t -> t.params().get(name))
                            .allMatch(v -> v == null || v instanceof Number);
            if (numeric) {
                axes.put(name, new Axis(name, "log".equals(spec.get("sampling")) ? "log" : "value", null));
            } else {
                axes.put(name, new Axis(name, "category", categories(spec, name, trials)));
            }
        }
        return axes;
    }

    private static List<String> categories(Map<String, Object> spec, String name, List<Trial> trials) {
        Set<String> values = new LinkedHashSet<>();
        if (spec.get("values") instanceof List<?> declared) {
            declared.forEach(v -> values.add(Formats.param(v)));
        } else if ("boolean".equals(spec.get("type"))) {
            values.add("false");
            values.add("true");
        }
        trials.forEach(t -> {
            Object v = t.params().get(name);
            if (v != null) {
                values.add(Formats.param(v));
            }
        });
        return List.copyOf(values);
    }
}
