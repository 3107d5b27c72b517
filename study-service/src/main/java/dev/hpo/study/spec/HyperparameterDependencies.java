package dev.hpo.study.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.hpo.study.algorithm.Condition;
import dev.hpo.study.algorithm.FixedParameter;
import dev.hpo.study.algorithm.Parameter;
import dev.hpo.study.algorithm.SearchSpace;
import dev.hpo.study.algorithm.Values;

/**
 * Some hyperparameters are read only under another's values: {@code beta_1} only by Adam, {@code decay_rate} only
 * by the exponential schedule. One that can never be read is an error; one that is ignored by some trials is
 * worth a note, since a condition on its parent would keep those trials from varying it for nothing.
 */
final class HyperparameterDependencies {

    private HyperparameterDependencies() {
    }

    static void check(SearchSpace space, String builder, List<FieldError> errors, List<String> notes) {
        for (Parameter p : space.parameters()) {
            ModelCatalog.hyperparameter(builder, p.name())
                    .filter(h -> h.dependsOn() != null)
                    .ifPresent(h -> checkOne(space, p, h, errors, notes));
        }
        checkStepSchedule(space, errors);
    }

    private static void checkOne(SearchSpace space, Parameter p, ModelCatalog.Hyperparameter h,
            List<FieldError> errors, List<String> notes) {
        Set<Object> possible = possibleValues(space, h.dependsOn(), builderDefault(h.dependsOn()));
        Set<Object> reading = new HashSet<>();
        for (Object value : possible) {
            if (h.readWhen().stream().anyMatch(r -> Values.same(r, value))) {
                reading.add(value);
            }
        }
        if (reading.isEmpty()) {
            errors.add(new FieldError("space." + p.name(), p.name() + " is read only when " + h.dependsOn()
                    + " is one of " + h.readWhen() + ", but this study's " + h.dependsOn() + " is only " + possible));
            return;
        }
        Optional<Condition> condition = space.condition(p.name());
        boolean guarded = condition.isPresent() && condition.get().parent().equals(h.dependsOn())
                && condition.get().values().stream().allMatch(v -> h.readWhen().stream().anyMatch(r -> Values.same(r, v)));
        if (!guarded && reading.size() < possible.size()) {
            notes.add(p.name() + " is read only when " + h.dependsOn() + " is one of " + h.readWhen()
                    + "; trials with another " + h.dependsOn() + " ignore it. Make it conditional (\"parent\": \""
                    + h.dependsOn() + "\", \"parentValues\": " + h.readWhen() + ") to search it only where it counts.");
        }
    }

    /** A step schedule needs both lists, and one more value than boundaries. */
    private static void checkStepSchedule(SearchSpace space, List<FieldError> errors) {
        if (!possibleValues(space, "lr_schedule", "constant").contains("step")) {
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

    private static Set<Object> possibleValues(SearchSpace space, String name, Object fallback) {
        return find(space, name)
                .map(p -> p.finiteValues().<Set<Object>>map(HashSet::new).orElseGet(HashSet::new))
                .orElseGet(() -> new HashSet<>(Set.of(fallback)));
    }

    private static Optional<Parameter> find(SearchSpace space, String name) {
        return space.parameters().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static Object builderDefault(String name) {
        return ModelCatalog.hyperparameter("mlp", name).map(ModelCatalog.Hyperparameter::defaultValue).orElseThrow();
    }
}
