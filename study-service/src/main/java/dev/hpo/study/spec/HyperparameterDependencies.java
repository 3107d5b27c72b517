package dev.hpo.study.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.hpo.study.algorithm.Condition;
import dev.hpo.study.algorithm.FixedParameter;
import dev.hpo.study.algorithm.Parameter;
import dev.hpo.study.algorithm.SearchSpace;
import dev.hpo.study.algorithm.Values;

/**
 * Some hyperparameters are read only under another's values: {@code beta_1} only by Adam, {@code decay_rate} only
 * by the exponential schedule, {@code units_3} only with three layers or more. Runners refuse a hyperparameter
 * they would ignore, so each such parameter is searched only where it is read: one that can never be read is an
 * error; one read under some of its parent's values becomes conditional on them (with a note saying so).
 */
final class HyperparameterDependencies {

    private HyperparameterDependencies() {
    }

    /** @return the space with the conditions the dependencies imply, or {@code null} when errors were added */
    static SearchSpace apply(SearchSpace space, String builder, List<FieldError> errors, List<String> notes) {
        Map<String, Condition> conditions = new LinkedHashMap<>(space.conditions());
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < space.parameters().size(); i++) {
            position.put(space.parameters().get(i).name(), i);
        }
        int errorsBefore = errors.size();
        for (Parameter p : space.parameters()) {
            Optional<ModelCatalog.Hyperparameter> known = ModelCatalog.hyperparameter(builder, p.name());
            if (known.isEmpty() || known.get().dependsOn() == null) {
                continue;
            }
            ModelCatalog.Hyperparameter h = known.get();
            String parent = h.dependsOn();
            String path = "space." + p.name();
            Set<Object> possible = possibleValues(space, parent, builder);
            Set<Object> reading = new HashSet<>();
            possible.stream().filter(v -> readWhen(h, v)).forEach(reading::add);
            if (reading.isEmpty()) {
                errors.add(new FieldError(path, p.name() + " is read only when " + parent + " is one of "
                        + sorted(h.readWhen()) + ", but " + parent + " here is only " + sorted(possible)));
                continue;
            }
            Condition explicit = conditions.get(p.name());
            if (explicit != null) {
                if (!explicit.parent().equals(parent) || !explicit.values().stream().allMatch(v -> readWhen(h, v))) {
                    errors.add(new FieldError(path + ".parent", p.name() + " is read only when " + parent
                            + " is one of " + sorted(h.readWhen()) + "; make it conditional on " + parent
                            + " with values among those"));
                }
                continue;
            }
            if (reading.size() == possible.size()) {
                continue;
            }
            Integer parentAt = position.get(parent);
            if (parentAt == null || parentAt > position.get(p.name())) {
                errors.add(new FieldError(path, "declare " + parent + " before " + p.name() + ": " + p.name()
                        + " is read only under some of " + parent + "'s values"));
                continue;
            }
            conditions.put(p.name(), new Condition(parent, new ArrayList<>(sorted(reading))));
            notes.add(p.name() + " is searched only when " + parent + " is one of " + sorted(reading)
                    + ", the values under which it is read");
        }
        if ("mlp".equals(builder)) {
            checkUnitsRead(space, errors);
        }
        checkStepSchedule(space, errors);
        return errors.size() > errorsBefore ? null : new SearchSpace(space.parameters(), conditions);
    }

    private static boolean readWhen(ModelCatalog.Hyperparameter h, Object value) {
        return h.readWhen().stream().anyMatch(r -> Values.same(r, value));
    }

    /** {@code units} applies to layers without their own {@code units_i}; with every layer covered it is unread. */
    private static void checkUnitsRead(SearchSpace space, List<FieldError> errors) {
        if (find(space, "units").isEmpty()) {
            return;
        }
        int deepest = possibleValues(space, "layers", "mlp").stream()
                .mapToInt(v -> ((Number) v).intValue()).max().orElse(1);
        for (int layer = 1; layer <= deepest; layer++) {
            if (find(space, "units_" + layer).isEmpty()) {
                return;
            }
        }
        errors.add(new FieldError("space.units", "every layer has its own units_i here, so units is never read"));
    }

    /** A step schedule needs both lists, and one more value than boundaries. */
    private static void checkStepSchedule(SearchSpace space, List<FieldError> errors) {
        if (!possibleValues(space, "lr_schedule", "mlp").contains("step")) {
            return;
        }
        Optional<Parameter> boundaries = find(space, "lr_boundaries");
        Optional<Parameter> values = find(space, "lr_values");
        if (boundaries.isEmpty() || values.isEmpty()) {
            errors.add(new FieldError("space.lr_schedule", "the step schedule needs lr_boundaries and lr_values, "
                    + "each a fixed list, e.g. [3, 6] and [0.01, 0.001, 0.00001]"));
            return;
        }
        if (boundaries.get() instanceof FixedParameter b && values.get() instanceof FixedParameter v
                && b.value() instanceof List<?> bl && v.value() instanceof List<?> vl && vl.size() != bl.size() + 1) {
            errors.add(new FieldError("space.lr_values", "needs one more value than lr_boundaries has boundaries ("
                    + (bl.size() + 1) + "), has " + vl.size()));
        }
    }

    /** The values {@code name} can take in this space, or its builder default when the space leaves it out. */
    private static Set<Object> possibleValues(SearchSpace space, String name, String builder) {
        return find(space, name)
                .map(p -> p.finiteValues().<Set<Object>>map(HashSet::new).orElseGet(HashSet::new))
                .orElseGet(() -> new HashSet<>(Set.of(ModelCatalog.hyperparameter(builder, name)
                        .map(ModelCatalog.Hyperparameter::defaultValue).orElseThrow())));
    }

    private static Optional<Parameter> find(SearchSpace space, String name) {
        return space.parameters().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static List<Object> sorted(Set<Object> values) {
        return new ArrayList<>(new TreeSet<>(values.stream().map(String::valueOf).toList()).stream()
                .map(s -> values.stream().filter(v -> String.valueOf(v).equals(s)).findFirst().orElseThrow())
                .toList());
    }
}
