package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class HyperparameterImportanceTest {

    /** A learning rate that matters, units that matter a little, dropout that does not matter at all. */
    private static final SearchSpace THREE = new SearchSpace(List.of(
            new FloatParameter("learning_rate", 1e-5, 1e-1, null, Sampling.LOG),
            new IntParameter("units", 32, 512, 32, Sampling.LINEAR),
            new FloatParameter("dropout", 0.0, 0.5, null, Sampling.LINEAR)));

    /** y = 10 f(lr) + 0.1 g(units) + noise, f peaking at 1e-3 on the log scale, g rising with units. */
    private static double dominatedByLearningRate(Map<String, Object> params, SplittableRandom noise) {
        double decadesFromBest = Math.log10((Double) params.get("learning_rate")) + 3;
        double f = 1 - decadesFromBest * decadesFromBest / 4;
        double g = (Integer) params.get("units") / 512.0;
        return 10 * f + 0.1 * g + 0.05 * noise.nextDouble(-1, 1);
    }

    /** The worked example's space. */
    private static final SearchSpace WORKED_EXAMPLE = new SearchSpace(List.of(
            new IntParameter("units", 32, 512, 32, Sampling.LINEAR),
            new ChoiceParameter("learning_rate", List.of(1e-2, 1e-3, 1e-4))));

    /**
     * A Fashion-MNIST-like validation accuracy after 10 epochs: 1e-3 best, 1e-2 two points and 1e-4 two and a half
     * points worse, wider layers better with diminishing returns (32 units lose three points, 512 almost nothing),
     * and some run-to-run noise.
     */
    private static double fashionMnistAccuracy(Map<String, Object> params, SplittableRandom noise) {
        double lr = (Double) params.get("learning_rate");
        int units = (Integer) params.get("units");
        double rate = lr == 1e-3 ? 0 : lr == 1e-2 ? -0.02 : -0.025;
        return 0.89 + rate - 0.04 * Math.exp(-units / 128.0) + 0.002 * noise.nextDouble(-1, 1);
    }

    /** {@code count} finished trials of random configurations, each reporting its objective for two epochs. */
    private static List<TrialRecord> trials(SearchSpace space, int count, long seed,
            BiFunction<Map<String, Object>, SplittableRandom, Double> objective) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrialRecord> trials = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> params = space.sample(random);
            double value = objective.apply(params, random);
            trials.add(new TrialRecord(i, params, TrialState.FINISHED, 0, 2, List.of(value - 0.5, value)));
        }
        return trials;
    }

    private static Map<String, Double> byName(HyperparameterImportance.Importance importance) {
        return importance.importances().stream().collect(Collectors.toMap(
                HyperparameterImportance.Importance.Entry::name,
                HyperparameterImportance.Importance.Entry::importance));
    }

    private static double sum(HyperparameterImportance.Importance importance) {
        return importance.importances().stream().mapToDouble(HyperparameterImportance.Importance.Entry::importance)
                .sum();
    }

    private static HyperparameterImportance.Importance dominated(long seed) {
        return HyperparameterImportance.of(THREE,
                trials(THREE, 200, 1, HyperparameterImportanceTest::dominatedByLearningRate), Direction.MAXIMIZE, seed);
    }

    @Test
    void dominantParameterIsRankedFirstWithMostOfTheImportance() {
        HyperparameterImportance.Importance importance = dominated(42);
        assertEquals(200, importance.trials());
        assertEquals("learning_rate", importance.importances().get(0).name());
        assertTrue(importance.importances().get(0).importance() > 0.8, importance.toString());
    }

    @Test
    void parameterWithoutEffectIsNearZero() {
        Map<String, Double> importances = byName(dominated(42));
        assertTrue(importances.get("dropout") < 0.01, importances.toString());
    }

    @Test
    void importancesSumToOneInDescendingOrder() {
        HyperparameterImportance.Importance importance = dominated(42);
        assertEquals(3, importance.importances().size());
        assertEquals(1.0, sum(importance), 1e-12);
        for (int i = 1; i < importance.importances().size(); i++) {
            assertTrue(importance.importances().get(i - 1).importance()
                    >= importance.importances().get(i).importance());
        }
    }

    @Test
    void sameSeedGivesTheSameImportances() {
        HyperparameterImportance.Importance first = dominated(7);
        HyperparameterImportance.Importance again = dominated(7);
        assertEquals(first, again);
    }

    @Test
    void eachTrialIsObservedAtItsBestEpochForTheDirection() {
        List<TrialRecord> lastEpochs = trials(THREE, 60, 3, HyperparameterImportanceTest::dominatedByLearningRate);
        List<TrialRecord> firstEpochs = new ArrayList<>();
        for (TrialRecord trial : lastEpochs) {
            firstEpochs.add(new TrialRecord(trial.number(), trial.params(), trial.state(), 0, 1,
                    List.of(trial.objectiveAt(1))));
            lastEpochs.set(trial.number(), new TrialRecord(trial.number(), trial.params(), trial.state(), 0, 1,
                    List.of(trial.objectiveAt(2))));
        }
        List<TrialRecord> bothEpochs = trials(THREE, 60, 3, HyperparameterImportanceTest::dominatedByLearningRate);
        // each trial's second epoch is 0.5 above its first: the best when maximizing, the worst when minimizing
        assertEquals(HyperparameterImportance.of(THREE, lastEpochs, Direction.MAXIMIZE, 5),
                HyperparameterImportance.of(THREE, bothEpochs, Direction.MAXIMIZE, 5));
        assertEquals(HyperparameterImportance.of(THREE, firstEpochs, Direction.MINIMIZE, 5),
                HyperparameterImportance.of(THREE, bothEpochs, Direction.MINIMIZE, 5));
    }

    @Test
    void categoricalEffectIsDetected() {
        SearchSpace space = new SearchSpace(List.of(
                new ChoiceParameter("optimizer", List.of("adam", "sgd", "rmsprop")),
                new FloatParameter("weight_decay", 1e-6, 1e-2, null, Sampling.LOG),
                new BooleanParameter("batch_norm")));
        Map<String, Double> byOptimizer = Map.of("adam", 0.30, "sgd", 0.55, "rmsprop", 0.35);
        ToDoubleFunction<Map<String, Object>> loss = params -> byOptimizer.get((String) params.get("optimizer"))
                + 0.01 * Math.log10((Double) params.get("weight_decay"));
        List<TrialRecord> history = trials(space, 120, 11,
                (params, noise) -> loss.applyAsDouble(params) + 0.01 * noise.nextDouble());
        HyperparameterImportance.Importance importance =
                HyperparameterImportance.of(space, history, Direction.MINIMIZE, 13);
        Map<String, Double> importances = byName(importance);
        assertEquals("optimizer", importance.importances().get(0).name());
        assertTrue(importances.get("optimizer") > 0.8, importances.toString());
        assertTrue(importances.get("batch_norm") < 0.02, importances.toString());
    }

    @Test
    void booleanEffectIsDetected() {
        SearchSpace space = new SearchSpace(List.of(
                new FloatParameter("x", 0, 1, null, Sampling.LINEAR),
                new BooleanParameter("batch_norm")));
        List<TrialRecord> history = trials(space, 80, 17, (params, noise) ->
                ((Boolean) params.get("batch_norm") ? 1.0 : 0.0) + 0.1 * (Double) params.get("x"));
        HyperparameterImportance.Importance importance =
                HyperparameterImportance.of(space, history, Direction.MAXIMIZE, 19);
        assertEquals("batch_norm", importance.importances().get(0).name());
        assertTrue(importance.importances().get(0).importance() > 0.9, importance.toString());
    }

    @Test
    void workedExampleRanksBothParametersFromTenTrials() {
        for (long history = 0; history < 8; history++) {
            HyperparameterImportance.Importance importance = HyperparameterImportance.of(WORKED_EXAMPLE,
                    trials(WORKED_EXAMPLE, 10, history, HyperparameterImportanceTest::fashionMnistAccuracy),
                    Direction.MAXIMIZE, 42);
            Map<String, Double> importances = byName(importance);
            assertEquals(2, importances.size(), importance.toString());
            assertTrue(importances.get("learning_rate") > 0.1, importance.toString());
            assertTrue(importances.get("units") > 0.1, importance.toString());
            assertEquals(1.0, sum(importance), 1e-12);
        }
    }

    @Test
    void workedExampleSettlesWithManyTrials() {
        // 500 trials settle at about 0.66 for learning_rate and 0.34 for units whatever the history; the variances
        // over the values themselves (1.17e-4 and 0.79e-4) would give 0.6 and 0.4, but Optuna's one-hot encoding
        // marginalises over the whole cube of indicator features, combinations that are no value included
        HyperparameterImportance.Importance importance = HyperparameterImportance.of(WORKED_EXAMPLE,
                trials(WORKED_EXAMPLE, 500, 1, HyperparameterImportanceTest::fashionMnistAccuracy),
                Direction.MAXIMIZE, 42);
        assertEquals("learning_rate", importance.importances().get(0).name());
        assertEquals(0.34, byName(importance).get("units"), 0.05);
    }

    @Test
    void tooFewTrialsGiveNoImportances() {
        HyperparameterImportance.Importance importance = HyperparameterImportance.of(THREE,
                trials(THREE, 3, 1, HyperparameterImportanceTest::dominatedByLearningRate), Direction.MAXIMIZE, 1);
        assertEquals(3, importance.trials());
        assertEquals(List.of(), importance.importances());
    }

    @Test
    void trialsWithoutAnObjectiveAreNotObservations() {
        List<TrialRecord> history = new ArrayList<>(
                trials(THREE, 3, 1, HyperparameterImportanceTest::dominatedByLearningRate));
        SplittableRandom random = new SplittableRandom(2);
        history.add(TrialRecord.started(3, THREE.sample(random), 0, 2));
        List<Double> onlyMissing = new ArrayList<>();
        onlyMissing.add(null);
        history.add(new TrialRecord(4, THREE.sample(random), TrialState.FINISHED, 0, 1, onlyMissing));
        history.add(new TrialRecord(5, THREE.sample(random), TrialState.FINISHED, 0, 1, List.of(Double.NaN)));
        HyperparameterImportance.Importance importance =
                HyperparameterImportance.of(THREE, history, Direction.MAXIMIZE, 1);
        assertEquals(3, importance.trials());
        assertEquals(List.of(), importance.importances());
    }

    @Test
    void spaceWhoseParametersNeverVaryGivesNoImportances() {
        SearchSpace space = new SearchSpace(List.of(
                new FixedParameter("epochs", 10),
                new ChoiceParameter("optimizer", List.of("adam", "sgd"))));
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            history.add(new TrialRecord(i, Map.of("epochs", 10, "optimizer", "adam"), TrialState.FINISHED, 0, 1,
                    List.of(0.1 * i)));
        }
        HyperparameterImportance.Importance importance =
                HyperparameterImportance.of(space, history, Direction.MAXIMIZE, 1);
        assertEquals(10, importance.trials());
        assertEquals(List.of(), importance.importances());
    }

    @Test
    void parameterSeenWithOneValueGetsZeroAndFixedParametersAreLeftOut() {
        SearchSpace space = new SearchSpace(List.of(
                new FixedParameter("epochs", 10),
                new ChoiceParameter("optimizer", List.of("adam", "sgd")),
                new FloatParameter("x", 0, 1, null, Sampling.LINEAR)));
        SplittableRandom random = new SplittableRandom(3);
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double x = random.nextDouble();
            history.add(new TrialRecord(i, Map.of("epochs", 10, "optimizer", "sgd", "x", x), TrialState.FINISHED,
                    0, 1, List.of(x * x)));
        }
        HyperparameterImportance.Importance importance =
                HyperparameterImportance.of(space, history, Direction.MINIMIZE, 1);
        assertEquals(List.of(new HyperparameterImportance.Importance.Entry("x", 1.0),
                new HyperparameterImportance.Importance.Entry("optimizer", 0.0)), importance.importances());
    }

    @Test
    void constantObjectiveGivesNoImportances() {
        List<TrialRecord> history = trials(THREE, 20, 1, (params, noise) -> 0.5);
        assertEquals(List.of(), HyperparameterImportance.of(THREE, history, Direction.MAXIMIZE, 1).importances());
    }

    @Test
    void conditionalParameterInactiveInSomeTrialsIsLeftOut() {
        SearchSpace space = new SearchSpace(List.of(
                new ChoiceParameter("optimizer", List.of("adam", "sgd")),
                new FloatParameter("momentum", 0.5, 0.99, null, Sampling.LOG1M),
                new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG)),
                Map.of("momentum", new Condition("optimizer", List.of("sgd"))));
        List<TrialRecord> history = trials(space, 80, 23, (params, noise) -> {
            double momentum = params.containsKey("momentum") ? (Double) params.get("momentum") : 0.9;
            return Math.log10((Double) params.get("learning_rate")) + momentum;
        });
        Map<String, Double> importances =
                byName(HyperparameterImportance.of(space, history, Direction.MAXIMIZE, 29));
        assertEquals(Set.of("optimizer", "learning_rate"), importances.keySet());
        assertTrue(importances.get("learning_rate") > 0.8, importances.toString());
    }

    @Test
    void conditionalParameterActiveInEveryTrialIsAssessed() {
        SearchSpace space = new SearchSpace(List.of(
                new ChoiceParameter("optimizer", List.of("adam", "sgd")),
                new FloatParameter("momentum", 0.5, 0.99, null, Sampling.LOG1M),
                new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG)),
                Map.of("momentum", new Condition("optimizer", List.of("sgd"))));
        SplittableRandom random = new SplittableRandom(31);
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            double momentum = (Double) space.parameters().get(1).sample(random);
            double lr = (Double) space.parameters().get(2).sample(random);
            history.add(new TrialRecord(i, Map.of("optimizer", "sgd", "momentum", momentum, "learning_rate", lr),
                    TrialState.FINISHED, 0, 1, List.of(-10 * Math.log10(1 - momentum) + 0.1 * lr)));
        }
        HyperparameterImportance.Importance importance =
                HyperparameterImportance.of(space, history, Direction.MAXIMIZE, 37);
        assertEquals("momentum", importance.importances().get(0).name());
        assertEquals(0.0, byName(importance).get("optimizer"));
    }
}
