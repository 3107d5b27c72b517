package dev.hpo.study.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates {@code earlyStopping} and fills in each rule's defaults. */
final class EarlyStoppingSettings {

    static final List<String> TYPES = List.of("median", "percentile", "patience");

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "median", Set.of("minTrials", "warmupEpochs"),
            "percentile", Set.of("minTrials", "warmupEpochs", "percentile"),
            "patience", Set.of("patience", "minDelta"));

    private EarlyStoppingSettings() {
    }

    static StudySpec.EarlyStopping normalize(StudySpec.EarlyStopping rule, List<FieldError> errors) {
        if (rule == null) {
            return null;
        }
        if (rule.type() == null || !TYPES.contains(rule.type())) {
            errors.add(new FieldError("earlyStopping.type", rule.type() == null ? "is required; one of " + TYPES
                    : "unknown rule '" + rule.type() + "'; one of " + TYPES));
            return rule;
        }
        Set<String> reads = FIELDS.get(rule.type());
        reject(rule.type(), reads, "minTrials", rule.minTrials(), errors);
        reject(rule.type(), reads, "warmupEpochs", rule.warmupEpochs(), errors);
        reject(rule.type(), reads, "percentile", rule.percentile(), errors);
        reject(rule.type(), reads, "patience", rule.patience(), errors);
        reject(rule.type(), reads, "minDelta", rule.minDelta(), errors);

        Integer minTrials = null;
        Integer warmupEpochs = null;
        Double percentile = null;
        Integer patience = null;
        Double minDelta = null;
        if (reads.contains("minTrials")) {
            minTrials = rule.minTrials() != null ? rule.minTrials() : 5;
            if (minTrials < 1) {
                errors.add(new FieldError("earlyStopping.minTrials", "must be >= 1, was " + minTrials));
            }
            warmupEpochs = rule.warmupEpochs() != null ? rule.warmupEpochs() : 2;
            if (warmupEpochs < 0) {
                errors.add(new FieldError("earlyStopping.warmupEpochs", "must be >= 0, was " + warmupEpochs));
            }
        }
        if (reads.contains("percentile")) {
            percentile = rule.percentile();
            if (percentile == null || !(percentile > 0 && percentile < 100)) {
                errors.add(new FieldError("earlyStopping.percentile",
                        "is required, above 0 and below 100 (50 is the median rule), was " + percentile));
            }
        }
        if (reads.contains("patience")) {
            patience = rule.patience() != null ? rule.patience() : 3;
            if (patience < 1) {
                errors.add(new FieldError("earlyStopping.patience", "must be >= 1, was " + patience));
            }
            minDelta = rule.minDelta() != null ? rule.minDelta() : 0.0;
            if (!(minDelta >= 0)) {
                errors.add(new FieldError("earlyStopping.minDelta", "must be >= 0, was " + minDelta));
            }
        }
        return new StudySpec.EarlyStopping(rule.type(), minTrials, warmupEpochs, percentile, patience, minDelta);
    }

    private static void reject(String type, Set<String> reads, String field, Object value, List<FieldError> errors) {
        if (value != null && !reads.contains(field)) {
            errors.add(new FieldError("earlyStopping." + field, "the " + type + " rule does not use " + field));
        }
    }
}
