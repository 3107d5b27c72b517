package dev.hpo.dashboard.client;

import java.util.List;

/**
 * How much each hyperparameter explains of the objective's variation, ranked, the shares summing to about 1.
 *
 * @param trials trials the estimate is based on
 */
public record Importance(String metric, int trials, List<Entry> importances) {

    public record Entry(String name, double importance) {
    }

    public boolean isEmpty() {
        return importances == null || importances.isEmpty();
    }
}
