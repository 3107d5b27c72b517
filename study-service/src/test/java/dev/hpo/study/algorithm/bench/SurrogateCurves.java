package dev.hpo.study.algorithm.bench;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.hpo.study.algorithm.ChoiceParameter;
import dev.hpo.study.algorithm.FloatParameter;
import dev.hpo.study.algorithm.IntParameter;
import dev.hpo.study.algorithm.Sampling;
import dev.hpo.study.algorithm.SearchSpace;

/**
 * Learning curves that stand in for training: the validation accuracy a configuration would report after each
 * epoch, with no training done. Over the space of {@link #SPACE},
 * <pre>
 * val_accuracy(c, e) = ceiling(c) − gap(c) · exp(−e / τ(c)) + noise
 *
 * ceiling(c) = 0.90 − 0.08 · log10(learning_rate / 0.003)² − 0.10 · (dropout − 0.15)²
 *                   + 0.005 · log2(units / 32) − {adam 0, rmsprop 0.005, sgd 0.02}
 * gap(c)     = ceiling(c) − 0.10                          (every curve starts near chance, 10 classes)
 * τ(c)       = 2 · sqrt(0.003 / learning_rate) · (1 + dropout) · {adam, rmsprop 1, sgd 2}   epochs
 * noise      ~ N(0, 0.005²), drawn from (seed, trial, epoch)
 * </pre>
 * Ceilings spread from about 0.68 to 0.92 over the space; the best configurations learn with a rate near 0.003.
 * A smaller rate raises τ (from 0.35 epochs at 0.1 to 33 at 1e-4 with SGD and dropout 0.5), so some
 * configurations that end high look poor after one or three epochs: the early rungs rank them wrongly now and then,
 * as real curves do. Everything is a pure function of the configuration, the epoch and the seeds, so a trial
 * resumed from a checkpoint reports the same figures as one trained straight through.
 */
public final class SurrogateCurves {

    /** Learning rate (log scale), units (log scale), dropout and optimiser. */
    public static final SearchSpace SPACE = new SearchSpace(List.of(
            new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG),
            new IntParameter("units", 32, 512, null, Sampling.LOG),
            new FloatParameter("dropout", 0.0, 0.5, null, Sampling.LINEAR),
            new ChoiceParameter("optimizer", List.of("adam", "rmsprop", "sgd"))));

    private static final double CHANCE = 0.10;
    private static final double NOISE = 0.005;

    private final long seed;

    public SurrogateCurves(long seed) {
        this.seed = seed;
    }

    /** What the configuration would reach after infinitely many epochs, without noise. */
    public static double ceiling(Map<String, Object> config) {
        double rate = rate(config);
        double dropout = ((Number) config.get("dropout")).doubleValue();
        int units = ((Number) config.get("units")).intValue();
        double lr = Math.log10(rate / 0.003);
        return 0.90 - 0.08 * lr * lr - 0.10 * (dropout - 0.15) * (dropout - 0.15)
                + 0.005 * Math.log(units / 32.0) / Math.log(2) - switch (optimizer(config)) {
                    case "rmsprop" -> 0.005;
                    case "sgd" -> 0.02;
                    default -> 0.0;
                };
    }

    /** The time constant of the curve, in epochs. */
    public static double tau(Map<String, Object> config) {
        double dropout = ((Number) config.get("dropout")).doubleValue();
        return 2 * Math.sqrt(0.003 / rate(config)) * (1 + dropout) * ("sgd".equals(optimizer(config)) ? 2 : 1);
    }

    /** The curve without noise. */
    public static double expected(Map<String, Object> config, int epoch) {
        double ceiling = ceiling(config);
        return ceiling - (ceiling - CHANCE) * Math.exp(-epoch / tau(config));
    }

    /** The validation accuracy trial {@code trial} reports after {@code epoch}. */
    public double valAccuracy(Map<String, Object> config, int trial, int epoch) {
        return expected(config, epoch) + NOISE * draw(trial, epoch).nextGaussian();
    }

    /** A generator for one (trial, epoch), independent of the order epochs are simulated in. */
    private SplittableRandom draw(int trial, int epoch) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + ((long) trial << 20) + epoch);
    }

    private static double rate(Map<String, Object> config) {
        return ((Number) config.get("learning_rate")).doubleValue();
    }

    private static String optimizer(Map<String, Object> config) {
        return (String) config.get("optimizer");
    }
}
