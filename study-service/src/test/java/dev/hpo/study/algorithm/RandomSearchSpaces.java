package dev.hpo.study.algorithm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random but valid search spaces for property tests: every kind of parameter and sampling, with and without a
 * step or a number of samples, and children conditioned on a choice, on a boolean and on another child.
 * Settings are round decimals, as users write them.
 */
final class RandomSearchSpaces {

    private final SplittableRandom random;
    private final boolean finiteOnly;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, Condition> conditions = new HashMap<>();
    private int named;

    private RandomSearchSpaces(SplittableRandom random, boolean finiteOnly) {
        this.random = random;
        this.finiteOnly = finiteOnly;
    }

    /** Any space, continuous parameters included. */
    static SearchSpace any(long seed) {
        return new RandomSearchSpaces(new SplittableRandom(seed), false).build(2 + (int) (seed % 6));
    }

    /**
     * A space of finitely many configurations, every parameter with a short list of values, small enough that
     * listing each parameter's values or absence in every combination (conditions ignored) stays cheap.
     */
    static SearchSpace finite(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        while (true) {
            SearchSpace space = new RandomSearchSpaces(random.split(), true).build(2 + (int) (seed % 3));
            if (combinationsWithAbsence(space) <= 20_000) {
                return space;
            }
        }
    }

    /** The product over the parameters of (number of values + 1). */
    static long combinationsWithAbsence(SearchSpace space) {
        long product = 1;
        for (Parameter parameter : space.parameters()) {
            product *= parameter.finiteValues().orElseThrow().size() + 1;
        }
        return product;
    }

    private SearchSpace build(int groups) {
        for (int g = 0; g < groups; g++) {
            switch (random.nextInt(4)) {
                case 0 -> childrenOfAChoice();
                case 1 -> childOfABoolean();
                default -> parameters.add(leaf());
            }
        }
        return new SearchSpace(parameters, conditions);
    }

    /** A choice parent, one or two children on a subset of its values, and sometimes a grandchild. */
    private void childrenOfAChoice() {
        List<Object> optimizers = List.of("adam", "sgd", "rmsprop");
        ChoiceParameter parent = new ChoiceParameter(name(), optimizers);
        parameters.add(parent);
        for (int c = 0, n = 1 + random.nextInt(2); c < n; c++) {
            List<Object> on = new ArrayList<>();
            optimizers.forEach(o -> {
                if (random.nextBoolean()) {
                    on.add(o);
                }
            });
            if (on.isEmpty()) {
                on.add("sgd");
            }
            Parameter child = random.nextInt(3) == 0 ? new BooleanParameter(name()) : leaf();
            parameters.add(child);
            conditions.put(child.name(), new Condition(parent.name(), on));
            if (child instanceof BooleanParameter && random.nextBoolean()) {
                Parameter grandchild = leaf();
                parameters.add(grandchild);
                conditions.put(grandchild.name(), new Condition(child.name(), List.of(true)));
            }
        }
    }

    private void childOfABoolean() {
        BooleanParameter parent = new BooleanParameter(name());
        Parameter child = leaf();
        parameters.add(parent);
        parameters.add(child);
        conditions.put(child.name(), new Condition(parent.name(), List.of(random.nextBoolean())));
    }

    private Parameter leaf() {
        return switch (random.nextInt(finiteOnly ? 9 : 12)) {
            case 0 -> intLinear();
            case 1 -> intLogarithmic(Sampling.LOG, true);
            case 2 -> intLogarithmic(Sampling.REVERSE_LOG, true);
            case 3 -> floatLinearOnAGrid();
            case 4 -> floatLogarithmic(random.nextBoolean() ? Sampling.LOG : Sampling.REVERSE_LOG, true);
            case 5 -> floatLog1m(true);
            case 6 -> choice();
            case 7 -> new BooleanParameter(name());
            case 8 -> new FixedParameter(name(), random.nextBoolean() ? "relu" : 0.5);
            case 9 -> intLogarithmic(random.nextBoolean() ? Sampling.LOG : Sampling.REVERSE_LOG, false);
            case 10 -> new FloatParameter(name(), -2.0, 2.0 + random.nextInt(5), null, Sampling.LINEAR);
            default -> switch (random.nextInt(3)) {
                case 0 -> floatLogarithmic(Sampling.LOG, false);
                case 1 -> floatLogarithmic(Sampling.REVERSE_LOG, false);
                default -> floatLog1m(false);
            };
        };
    }

    private IntParameter intLinear() {
        int step = 1 + random.nextInt(8);
        int min = random.nextInt(-40, 41);
        int max = min + step * random.nextInt(finiteOnly ? 6 : 20);
        return new IntParameter(name(), min, max, step == 1 && random.nextBoolean() ? null : step, Sampling.LINEAR);
    }

    /** With a multiplicative step (min, min * step, ...), or without one and so drawn on the scale and rounded. */
    private IntParameter intLogarithmic(Sampling sampling, boolean stepped) {
        int min = 1 + random.nextInt(20);
        if (stepped) {
            int step = 2 + random.nextInt(3);
            return new IntParameter(name(), min, min * (1 + random.nextInt(100)), step, sampling);
        }
        return new IntParameter(name(), min, min * (2 + random.nextInt(500)), null, sampling);
    }

    /**
     * Bounds as a user would type them, so max is the decimal min + k step, not its binary approximation. At least
     * two steps: with one, the computed max - min can fall short of the step (see the report on FloatParameter).
     */
    private FloatParameter floatLinearOnAGrid() {
        double min = random.nextInt(-8, 8) * 0.5;
        if (random.nextBoolean()) {
            String step = List.of("0.05", "0.1", "0.25", "0.5", "1").get(random.nextInt(5));
            double max = new BigDecimal(step).multiply(BigDecimal.valueOf(2 + random.nextInt(7)))
                    .add(BigDecimal.valueOf(min)).doubleValue();
            return new FloatParameter(name(), min, max, Double.valueOf(step), Sampling.LINEAR);
        }
        return new FloatParameter(name(), min, min + 1 + random.nextInt(4), null, Sampling.LINEAR,
                2 + random.nextInt(5));
    }

    /**
     * On a decade range typed as a user would (1e-5, not 10^-6 * 10): a multiplicative step, a number of samples,
     * or (when not finite only) continuous.
     */
    private FloatParameter floatLogarithmic(Sampling sampling, boolean finite) {
        int minExponent = -random.nextInt(1, 7);
        double min = Double.parseDouble("1e" + minExponent);
        double max = Double.parseDouble("1e" + (minExponent + random.nextInt(1, 4)));
        if (!finite) {
            return new FloatParameter(name(), min, max, null, sampling);
        }
        return random.nextBoolean()
                ? new FloatParameter(name(), min, max, List.of(2.0, 3.0, 10.0).get(random.nextInt(3)), sampling)
                : new FloatParameter(name(), min, max, null, sampling, 2 + random.nextInt(5));
    }

    private FloatParameter floatLog1m(boolean finite) {
        double min = List.of(0.0, 0.5, 0.9).get(random.nextInt(3));
        double max = List.of(0.95, 0.99, 0.999, 0.9999).get(random.nextInt(4));
        return new FloatParameter(name(), min, max, null, Sampling.LOG1M, finite ? 2 + random.nextInt(5) : null);
    }

    private ChoiceParameter choice() {
        List<List<Object>> pools = List.of(List.of(16, 32, 64, 128), List.of("relu", "tanh", "gelu"),
                List.of(1e-2, 1e-3, 1e-4), List.of(true, false), List.of(0, "none", 0.5, true));
        List<Object> pool = pools.get(random.nextInt(pools.size()));
        return new ChoiceParameter(name(), pool.subList(0, 1 + random.nextInt(pool.size())));
    }

    private String name() {
        return "p" + named++;
    }
}
