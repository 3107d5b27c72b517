package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How much of the variation in a study's results each hyperparameter explains on its own: fANOVA (Hutter, Hoos and
 * Leyton-Brown, ICML 2014) as Optuna's {@code FanovaImportanceEvaluator} computes it. A {@link RandomForest} with
 * Optuna's settings ({@link RandomForest.Settings#FANOVA}) is fitted to the trials, and for each tree and
 * hyperparameter the {@link FunctionalAnova} gives the fraction of the tree's variance that the hyperparameter
 * explains alone; the fractions are averaged over the trees with any variance and normalised to sum to 1.
 *
 * <p>What is observed and how:
 * <ul>
 * <li>An observation is a trial with a finite best objective ({@link TrialRecord#best}), whatever its state, whose
 * recorded values are ones their searched parameters can take. Fewer than {@link #MIN_OBSERVATIONS} give no
 * importances.
 * <li>Integers and reals are features on their sampling's unit scale ({@link Sampling#toUnit}), marginalised
 * uniformly over [0, 1]: a log-sampled learning rate has each decade weigh the same, as it was searched. Optuna
 * keeps the raw scale here ({@code transform_log=False}), where the top decade of a log range would dominate.
 * <li>Choices and booleans are one-hot encoded, one feature in [0, 1] per value, and the importance of the
 * parameter is that of its features together, as Optuna does. Like Optuna, the marginalisation runs over the whole
 * cube of those features, combinations that are no value (none or several indicators set) included, and each
 * indicator is set on half of it: the values are not weighed one in k each, as they were sampled.
 * <li>Conditional parameters: as Optuna, which assesses only the parameters present in every trial (the
 * intersection search space), a parameter inactive in any observation is left out of the result and out of the
 * forest, and so is every {@link FixedParameter}, which nothing searches.
 * <li>A parameter the observations show with a single value cannot explain anything and is listed with importance
 * 0 (Optuna lists its single-valued distributions so); when no parameter varies, or no parameter explains any
 * variance on its own (the objective is constant, or varies only through interactions), the list is empty.
 * </ul>
 */
public final class HyperparameterImportance {

    /** Fewer observations than this give no importances. */
    public static final int MIN_OBSERVATIONS = 4;

    /**
     * @param trials      how many trials were observations
     * @param importances the assessed parameters, most important first (declaration order among equals); the
     *                    importances sum to 1, or the list is empty when nothing could be assessed
     */
    public record Importance(int trials, List<Entry> importances) {

        public Importance {
            importances = List.copyOf(importances);
        }

        public record Entry(String name, double importance) {
        }
    }

    private HyperparameterImportance() {
    }

    /** Importances from the trials' best objectives, with Optuna's forest settings. */
    public static Importance of(SearchSpace space, List<TrialRecord> trials, Direction direction, long seed) {
        return of(space, trials, direction, RandomForest.Settings.FANOVA, seed);
    }

    /** Importances with other forest settings: fewer trees for a quick look. */
    public static Importance of(SearchSpace space, List<TrialRecord> trials, Direction direction,
            RandomForest.Settings settings, long seed) {
        List<Map<String, Object>> configs = new ArrayList<>();
        List<Double> objectives = new ArrayList<>();
        for (TrialRecord trial : trials) {
            Double best = trial.best(direction);
            if (best != null && Double.isFinite(best) && recordedValuesValid(space, trial.params())) {
                configs.add(trial.params());
                objectives.add(best);
            }
        }
        int n = configs.size();
        if (n < MIN_OBSERVATIONS) {
            return new Importance(n, List.of());
        }

        List<Encoding> varying = new ArrayList<>();
        List<String> constant = new ArrayList<>();
        int columns = 0;
        for (Parameter parameter : space.parameters()) {
            if (parameter instanceof FixedParameter
                    || !configs.stream().allMatch(config -> config.containsKey(parameter.name()))) {
                continue;
            }
            List<Object> seen = distinctValues(parameter, configs);
            if (seen.size() < 2) {
                constant.add(parameter.name());
            } else {
                Encoding encoding = new Encoding(parameter, seen, columns);
                varying.add(encoding);
                columns += encoding.width();
            }
        }
        if (varying.isEmpty()) {
            return new Importance(n, List.of());
        }

        double[][] x = new double[n][columns];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (Encoding encoding : varying) {
                encoding.encode(configs.get(i).get(encoding.parameter().name()), x[i]);
            }
            y[i] = objectives.get(i);
        }
        double[] fractions = meanVarianceFractions(RandomForest.fit(x, y, settings, seed), varying, columns);
        double total = 0;
        for (double fraction : fractions) {
            total += fraction;
        }
        if (!(total > 0)) {
            return new Importance(n, List.of());
        }

        List<Importance.Entry> entries = new ArrayList<>();
        for (int p = 0; p < varying.size(); p++) {
            entries.add(new Importance.Entry(varying.get(p).parameter().name(), fractions[p] / total));
        }
        entries.sort(Comparator.comparingDouble(Importance.Entry::importance).reversed());
        for (String name : constant) {
            entries.add(new Importance.Entry(name, 0.0));
        }
        return new Importance(n, entries);
    }

    /**
     * For each parameter, the fraction of a tree's variance its features explain together, averaged over the trees
     * whose predictions vary at all (Optuna's {@code _Fanova.get_importance}); all zero when none does.
     */
    private static double[] meanVarianceFractions(RandomForest forest, List<Encoding> parameters, int columns) {
        double[] lower = new double[columns];
        double[] upper = new double[columns];
        Arrays.fill(upper, 1.0);
        double[] sums = new double[parameters.size()];
        int trees = 0;
        for (RandomForest.Tree tree : forest.trees()) {
            FunctionalAnova anova = new FunctionalAnova(tree, lower, upper);
            double variance = anova.totalVariance();
            if (!(variance > 0)) {
                continue;
            }
            trees++;
            for (int p = 0; p < parameters.size(); p++) {
                sums[p] += anova.marginalVariance(parameters.get(p).features()) / variance;
            }
        }
        for (int p = 0; p < sums.length; p++) {
            sums[p] = trees == 0 ? 0 : sums[p] / trees;
        }
        return sums;
    }

    /** True when every value recorded for a searched parameter of the space is one the parameter can take. */
    private static boolean recordedValuesValid(SearchSpace space, Map<String, Object> params) {
        return space.parameters().stream().allMatch(p -> p instanceof FixedParameter
                || !params.containsKey(p.name()) || p.contains(params.get(p.name())));
    }

    /** The distinct values the configurations give {@code parameter}, choices in their declared order. */
    private static List<Object> distinctValues(Parameter parameter, List<Map<String, Object>> configs) {
        List<Object> seen = new ArrayList<>();
        for (Map<String, Object> config : configs) {
            Object value = config.get(parameter.name());
            if (seen.stream().noneMatch(v -> Values.same(v, value))) {
                seen.add(value);
            }
        }
        List<Object> declared = parameter instanceof ChoiceParameter choice ? choice.values()
                : parameter instanceof BooleanParameter ? List.of(false, true) : null;
        return declared == null ? seen
                : declared.stream().filter(d -> seen.stream().anyMatch(v -> Values.same(v, d))).toList();
    }

    /**
     * Where one parameter's values go in a row: one column on the unit scale for a number, one column per value
     * seen for a choice or boolean (one-hot).
     */
    private record Encoding(Parameter parameter, List<Object> seen, int offset) {

        boolean categorical() {
            return parameter instanceof ChoiceParameter || parameter instanceof BooleanParameter;
        }

        int width() {
            return categorical() ? seen.size() : 1;
        }

        int[] features() {
            int[] features = new int[width()];
            for (int k = 0; k < features.length; k++) {
                features[k] = offset + k;
            }
            return features;
        }

        void encode(Object value, double[] row) {
            if (categorical()) {
                for (int k = 0; k < seen.size(); k++) {
                    row[offset + k] = Values.same(seen.get(k), value) ? 1 : 0;
                }
                return;
            }
            double number = ((Number) value).doubleValue();
            double unit;
            if (parameter instanceof IntParameter p) {
                unit = p.sampling().toUnit(number, p.min(), p.max());
            } else if (parameter instanceof FloatParameter p) {
                unit = p.sampling().toUnit(number, p.min(), p.max());
            } else {
                throw new IllegalStateException("not a numeric parameter: " + parameter);
            }
            row[offset] = Math.max(0, Math.min(1, unit));
        }
    }
}
