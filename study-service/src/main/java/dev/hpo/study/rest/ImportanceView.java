package dev.hpo.study.rest;

import java.util.List;

import dev.hpo.study.algorithm.HyperparameterImportance;

/**
 * How much of the objective's variance each hyperparameter explains on its own (fANOVA over a random forest);
 * importances sum to 1, largest first, and the list is empty until enough trials have reported.
 */
public record ImportanceView(String metric, int trials, List<Entry> importances) {

    public record Entry(String name, double importance) {
    }

    static ImportanceView of(String metric, HyperparameterImportance.Importance importance) {
        return new ImportanceView(metric, importance.trials(), importance.importances().stream()
                .map(e -> new Entry(e.name(), e.importance())).toList());
    }
}
