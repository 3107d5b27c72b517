package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Narrowing a space around the best trials: tables of parameters, the values the top trials used, the result. */
class RangeRefinementTest {

    private static final double TOLERANCE = 1e-9;

    static Stream<Arguments> continuousFloats() {
        return Stream.of(
                // name, parameter, used values, expected min, expected max
                Arguments.of("linear, inside: 0.1 of the range each side",
                        new FloatParameter("dropout", 0.0, 0.5, null, Sampling.LINEAR), List.of(0.2, 0.3), 0.15, 0.35),
                Arguments.of("linear, at the lower bound: cut there",
                        new FloatParameter("dropout", 0.0, 0.5, null, Sampling.LINEAR), List.of(0.01), 0.0, 0.06),
                Arguments.of("log: a tenth of the three decades, 10^0.3, each side",
                        new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG), List.of(1e-3, 1e-2),
                        1e-3 / Math.pow(10, 0.3), 1e-2 * Math.pow(10, 0.3)),
                Arguments.of("log, near the upper bound: cut at max",
                        new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG), List.of(0.08),
                        0.08 / Math.pow(10, 0.3), 1e-1),
                Arguments.of("log1m: 1 - x narrowed on its log scale (two decades, 10^0.2 each side)",
                        new FloatParameter("beta_1", 0.9, 0.999, null, Sampling.LOG1M), List.of(0.99),
                        1 - 0.01 * Math.pow(10, 0.2), 1 - 0.01 / Math.pow(10, 0.2)),
                Arguments.of("reverse_log: on its mirrored log scale",
                        new FloatParameter("x", 1.0, 100.0, null, Sampling.REVERSE_LOG), List.of(91.0),
                        Sampling.REVERSE_LOG.fromUnit(Sampling.REVERSE_LOG.toUnit(91.0, 1, 100) - 0.1, 1, 100),
                        Sampling.REVERSE_LOG.fromUnit(Sampling.REVERSE_LOG.toUnit(91.0, 1, 100) + 0.1, 1, 100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("continuousFloats")
    void aContinuousFloatIsNarrowedOnItsOwnScale(String name, FloatParameter parameter, List<Object> used,
            double min, double max) {
        FloatParameter narrowed = assertInstanceOf(FloatParameter.class, RangeRefinement.narrow(parameter, used));

        assertEquals(min, narrowed.min(), TOLERANCE * Math.abs(min) + 1e-15, "min");
        assertEquals(max, narrowed.max(), TOLERANCE * Math.abs(max) + 1e-15, "max");
        assertEquals(parameter.sampling(), narrowed.sampling());
    }

    @Test
    void aLogRangeIsNarrowedByDecadesNotByItsLinearWidth() {
        FloatParameter rate = new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG);

        FloatParameter narrowed = (FloatParameter) RangeRefinement.narrow(rate, List.of(1e-3));

        // on a linear scale 0.1 of the range would be 0.00999 each side, swallowing everything below 1e-3
        assertEquals(Math.pow(10, 0.6), narrowed.max() / narrowed.min(), 1e-9);
    }

    static Stream<Arguments> ints() {
        return Stream.of(
                // name, parameter, used values, expected min, max, step
                Arguments.of("step 16 from 16: grid values within 10 % of the range (76.8) of the used ones",
                        new IntParameter("units", 16, 784, 16, Sampling.LINEAR), List.of(512, 544), 448, 608, 16),
                Arguments.of("step 1 by default, cut at min",
                        new IntParameter("layers", 1, 3, null, Sampling.LINEAR), List.of(1), 1, 1, null),
                Arguments.of("layers 1..3, used 1 and 3: nothing narrower",
                        new IntParameter("layers", 1, 3, null, Sampling.LINEAR), List.of(1, 3), 1, 3, null),
                Arguments.of("log without a step: a continuous draw, rounded",
                        new IntParameter("units", 10, 1000, null, Sampling.LOG), List.of(100),
                        (int) Math.ceil(100 / Math.pow(10, 0.2)), (int) Math.floor(100 * Math.pow(10, 0.2)), null),
                Arguments.of("log with step 2 (16, 32, ... 1024): keeps the grid, narrowed by octaves",
                        new IntParameter("filters", 16, 1024, 2, Sampling.LOG), List.of(64, 128), 64, 128, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ints")
    void anIntStaysAnIntOnItsStep(String name, IntParameter parameter, List<Object> used, int min, int max,
            Integer step) {
        IntParameter narrowed = assertInstanceOf(IntParameter.class, RangeRefinement.narrow(parameter, used));

        assertEquals(List.of(min, max, parameter.sampling()), List.of(narrowed.min(), narrowed.max(),
                narrowed.sampling()));
        assertEquals(step, narrowed.step());
        for (Object value : narrowed.finiteValues().orElse(List.of())) {
            assertTrue(parameter.contains(value), value + " is not a value of the original " + parameter);
        }
    }

    @Test
    void aReverseLogGridKeepsItsOwnValuesAsAChoice() {
        IntParameter p = new IntParameter("x", 1, 100, 2, Sampling.REVERSE_LOG);
        List<Object> grid = p.finiteValues().orElseThrow();

        ChoiceParameter narrowed = assertInstanceOf(ChoiceParameter.class, RangeRefinement.narrow(p, List.of(93)));

        assertTrue(narrowed.values().contains(93), narrowed.toString());
        assertTrue(grid.containsAll(narrowed.values()), narrowed + " not on the grid " + grid);
        assertTrue(narrowed.values().size() < grid.size(), narrowed.toString());
    }

    @Test
    void aSteppedFloatKeepsTheGridValuesInsideTheNarrowedRange() {
        FloatParameter p = new FloatParameter("dropout", 0.0, 0.5, 0.05, Sampling.LINEAR);

        ChoiceParameter narrowed = assertInstanceOf(ChoiceParameter.class,
                RangeRefinement.narrow(p, List.of(0.2, 0.25)));

        assertEquals(List.of(0.15, 0.2, 0.25, 0.3), narrowed.values());
    }

    @Test
    void aChoiceKeepsOnlyTheValuesTheTopTrialsUsedInItsOrder() {
        ChoiceParameter batch = new ChoiceParameter("batch_size", List.of(32, 64, 128, 256, 512));

        assertEquals(List.of(64, 256), ((ChoiceParameter) RangeRefinement.narrow(batch, List.of(256, 64, 256)))
                .values());
        assertEquals(List.of(128), ((ChoiceParameter) RangeRefinement.narrow(batch, List.of(128.0))).values(),
                "a number read back from JSON as a double is the same value");
    }

    @Test
    void aBooleanBothTopTrialsDisagreeOnStaysABoolean() {
        BooleanParameter nesterov = new BooleanParameter("nesterov");

        assertSame(nesterov, RangeRefinement.narrow(nesterov, List.of(true, false)));
        assertEquals(List.of(true), ((ChoiceParameter) RangeRefinement.narrow(nesterov, List.of(true, true)))
                .values());
    }

    static Stream<Arguments> randomRanges() {
        return Stream.of(Sampling.values()).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("randomRanges")
    void aNarrowedRangeNeverLeavesTheOriginalBoundsAndHoldsEveryUsedValue(Sampling sampling) {
        SplittableRandom random = new SplittableRandom(sampling.ordinal());
        for (int round = 0; round < 500; round++) {
            List<Parameter> parameters = new ArrayList<>();
            double min = sampling == Sampling.LOG1M ? random.nextDouble(0, 0.9) : random.nextDouble(1e-3, 10);
            double max = sampling == Sampling.LOG1M ? random.nextDouble(min + 0.01, 0.9999)
                    : min * random.nextDouble(1.5, 1e4);
            parameters.add(new FloatParameter("float", min, max, null, sampling));
            if (sampling != Sampling.LOG1M) {
                int lo = 1 + random.nextInt(50);
                parameters.add(new IntParameter("int", lo, lo + 1 + random.nextInt(5000), null, sampling));
                parameters.add(new IntParameter("stepped", lo, lo + 2 * (1 + random.nextInt(40)), 2, sampling));
            }
            SearchSpace space = new SearchSpace(parameters);
            List<Map<String, Object>> top = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                top.add(space.sample(random));
            }

            SearchSpace narrowed = RangeRefinement.narrow(space, top);

            for (Map<String, Object> config : top) {
                assertTrue(narrowed.contains(config), config + " outside " + narrowed);
            }
            for (int i = 0; i < 20; i++) {
                Map<String, Object> draw = narrowed.sample(random);
                assertTrue(space.contains(draw), draw + " from " + narrowed + " outside the original " + space);
            }
        }
    }

    @Test
    void aConditionalParameterIsNarrowedAroundTheTrialsWhereItWasActive() {
        SearchSpace space = new SearchSpace(List.of(
                new ChoiceParameter("optimizer", List.of("adam", "sgd")),
                new FloatParameter("beta_1", 0.9, 0.999, null, Sampling.LOG1M),
                new FloatParameter("momentum", 0.9, 0.999, null, Sampling.LOG1M)),
                Map.of("beta_1", new Condition("optimizer", List.of("adam")),
                        "momentum", new Condition("optimizer", List.of("sgd"))));
        List<Map<String, Object>> top = List.of(config("optimizer", "adam", "beta_1", 0.99),
                config("optimizer", "sgd", "momentum", 0.95), config("optimizer", "adam", "beta_1", 0.995));

        SearchSpace narrowed = RangeRefinement.narrow(space, top);

        assertEquals(space.conditions(), narrowed.conditions());
        FloatParameter beta = (FloatParameter) narrowed.parameters().get(1);
        FloatParameter momentum = (FloatParameter) narrowed.parameters().get(2);
        assertTrue(beta.min() > 0.98 && beta.min() < 0.99 && beta.max() > 0.995, beta.toString());
        assertTrue(momentum.min() > 0.9 && momentum.max() < 0.97, "only the sgd trial counts: " + momentum);
    }

    @Test
    void aParameterActiveInNoTopTrialIsLeftAsItWas() {
        FloatParameter rho = new FloatParameter("rho", 0.8, 0.99, null, Sampling.LINEAR);
        SearchSpace space = new SearchSpace(List.of(new ChoiceParameter("optimizer", List.of("adam", "rmsprop")), rho),
                Map.of("rho", new Condition("optimizer", List.of("rmsprop"))));

        SearchSpace narrowed = RangeRefinement.narrow(space, List.of(config("optimizer", "adam")));

        assertSame(rho, narrowed.parameters().get(1));
        assertEquals(List.of("adam"), ((ChoiceParameter) narrowed.parameters().get(0)).values());
    }

    @Test
    void describeNamesWhatChanged() {
        SearchSpace space = new SearchSpace(List.of(
                new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG),
                new ChoiceParameter("optimizer", List.of("adam", "sgd")),
                new FixedParameter("epochs_note", "x")));

        SearchSpace narrowed = RangeRefinement.narrow(space, List.of(config("learning_rate", 1e-3,
                "optimizer", "adam", "epochs_note", "x")));

        assertEquals("learning_rate 0.0005012..0.001995 (log), optimizer [adam]",
                RangeRefinement.describe(space, narrowed));
    }

    private static Map<String, Object> config(Object... pairs) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return config;
    }
}
