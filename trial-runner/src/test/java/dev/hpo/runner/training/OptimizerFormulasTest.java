package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;

/**
 * Each update rule against a hand computation: three weights, two updates with the gradients below, expected
 * values written out in double precision (first update) or computed step by step beside the rule's formula
 * (second update). The engine computes in float32, hence the tolerance, and with the settings rounded to float32
 * (0.999 is 0.99900001...), which the hand computations of the optimiser state use too ({@link #f}).
 */
class OptimizerFormulasTest {

    private static final double[] W0 = {0.5, -1.5, 2.0};
    private static final double[] G1 = {0.1, -0.2, 0.3};
    private static final double[] G2 = {0.05, 0.4, -0.1};
    private static final double LR = 0.01;
    /** Relative: a few float32 roundings. */
    private static final double TOLERANCE = 1e-6;

    @BeforeAll
    static void engine() {
        RealFashionMnist.configureEngine();
    }

    @Test
    void rmspropWithoutMomentumDividesByTheRootOfTheSquaresAveragePlusEpsilon() {
        double rho = f(0.9);
        double epsilon = f(1e-7);
        double[] v = new double[3];
        double[] w = W0.clone();
        for (double[] g : List.of(G1, G2)) {
            for (int i = 0; i < 3; i++) {
                v[i] = rho * v[i] + f(1 - rho) * g[i] * g[i];
                w[i] -= LR * g[i] / Math.sqrt(v[i] + epsilon);
            }
        }

        Result result = twoUpdates(p -> new ResumableRmsProp(p, constant(), 0f, 0.9f, 0f, 1e-7f));

        assertClose(new double[] {0.46837880441857077, -1.4683776186756123, 1.9683773990789444}, result.afterOne());
        assertClose(w, result.afterTwo());
        assertClose(v, result.state().slots().get("velocity").values());
        assertEquals(List.of("velocity"), List.copyOf(result.state().slots().keySet()), "no momentum buffer");
    }

    @Test
    void rmspropWithMomentumAccumulatesTheScaledIncrements() {
        double rho = f(0.8);
        double momentum = f(0.9);
        double epsilon = f(1e-7);
        double[] v = new double[3];
        double[] buffer = new double[3];
        double[] w = W0.clone();
        double[] afterOne = null;
        for (double[] g : List.of(G1, G2)) {
            for (int i = 0; i < 3; i++) {
                v[i] = rho * v[i] + f(1 - rho) * g[i] * g[i];
                buffer[i] = momentum * buffer[i] + LR * g[i] / Math.sqrt(v[i] + epsilon);
                w[i] -= buffer[i];
            }
            afterOne = afterOne == null ? w.clone() : afterOne;
        }

        Result result = twoUpdates(p -> new ResumableRmsProp(p, constant(), 0f, 0.8f, 0.9f, 1e-7f));

        assertClose(afterOne, result.afterOne());
        assertClose(w, result.afterTwo());
        // the second increment nearly cancels the decayed first one: float32 rounding of terms about 0.02 remains
        float[] actual = result.state().slots().get("momentum").values();
        for (int i = 0; i < 3; i++) {
            assertEquals(buffer[i], actual[i], 1e-8, "momentum buffer element " + i);
        }
    }

    @Test
    void sgdWithoutMomentumStepsAlongTheGradient() {
        double[] w = W0.clone();
        for (double[] g : List.of(G1, G2)) {
            for (int i = 0; i < 3; i++) {
                w[i] -= LR * g[i];
            }
        }

        Result result = twoUpdates(p -> new ResumableSgd(p, constant(), 0f, 0f, false));

        assertClose(new double[] {0.499, -1.498, 1.997}, result.afterOne());
        assertClose(w, result.afterTwo());
        assertEquals(List.of(), List.copyOf(result.state().slots().keySet()));
        assertEquals(2, result.state().step());
    }

    @Test
    void sgdWithMomentumAddsTheVelocity() {
        double momentum = 0.9;
        double[] velocity = new double[3];
        double[] w = W0.clone();
        for (double[] g : List.of(G1, G2)) {
            for (int i = 0; i < 3; i++) {
                velocity[i] = momentum * velocity[i] - LR * g[i];
                w[i] += velocity[i];
            }
        }

        Result result = twoUpdates(p -> new ResumableSgd(p, constant(), 0f, 0.9f, false));

        assertClose(new double[] {0.499, -1.498, 1.997}, result.afterOne());
        assertClose(w, result.afterTwo());
        assertClose(velocity, result.state().slots().get("momentum").values());
    }

    @Test
    void sgdWithNesterovLooksAheadAlongTheVelocity() {
        double momentum = 0.9;
        double[] velocity = new double[3];
        double[] w = W0.clone();
        for (double[] g : List.of(G1, G2)) {
            for (int i = 0; i < 3; i++) {
                velocity[i] = momentum * velocity[i] - LR * g[i];
                w[i] += momentum * velocity[i] - LR * g[i];
            }
        }

        Result result = twoUpdates(p -> new ResumableSgd(p, constant(), 0f, 0.9f, true));

        assertClose(new double[] {0.4981, -1.4962, 1.9943}, result.afterOne());
        assertClose(w, result.afterTwo());
    }

    @Test
    void adamWithWeightDecayShrinksTheWeightsBeforeItsStep() {
        double beta1 = f(0.9);
        double beta2 = f(0.999);
        double epsilon = f(1e-7);
        double weightDecay = 0.1;
        double[] m = new double[3];
        double[] v = new double[3];
        double[] w = W0.clone();
        int t = 0;
        for (double[] g : List.of(G1, G2)) {
            t++;
            double stepSize = LR * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
            for (int i = 0; i < 3; i++) {
                w[i] -= LR * weightDecay * w[i];
                m[i] = beta1 * m[i] + f(1 - beta1) * g[i];
                v[i] = beta2 * v[i] + f(1 - beta2) * g[i] * g[i];
                w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) + epsilon);
            }
        }

        Result result = twoUpdates(p -> new ResumableAdam(p, constant(), 0.1f, 0.9f, 0.999f, 1e-7f));

        assertClose(new double[] {0.48950031621776635, -1.488500158111383, 1.9880001054081442}, result.afterOne());
        assertClose(w, result.afterTwo());
        assertClose(m, result.state().slots().get("m").values());
        assertClose(v, result.state().slots().get("v").values());
    }

    @Test
    void weightDecayAppliesToEveryOptimiser() {
        Result result = twoUpdates(p -> new ResumableSgd(p, constant(), 0.5f, 0f, false));

        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = W0[i] - LR * 0.5 * W0[i] - LR * G1[i];
        }
        assertClose(expected, result.afterOne());
    }

    @Test
    void eachUpdateUsesTheScheduledRateOfTheUpdatesBeforeIt() {
        LearningRateSchedule halving = new LearningRateSchedule.Exponential(LR, 1, 0.5, false);

        Result result = twoUpdates(p -> new ResumableSgd(p, halving, 0f, 0f, false));

        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = W0[i] - LR * G1[i] - LR / 2 * G2[i];
        }
        assertClose(expected, result.afterTwo());
    }

    /** A setting as the optimiser holds it: rounded to float32. */
    private static double f(double setting) {
        return (float) setting;
    }

    private static LearningRateSchedule constant() {
        return new LearningRateSchedule.Constant(LR);
    }

    private record Result(double[] afterOne, double[] afterTwo, ResumableOptimizer.ParameterState state) {
    }

    /** Two updates of one parameter, {@link #W0} with gradients {@link #G1} then {@link #G2}. */
    private static Result twoUpdates(Function<PairList<String, Parameter>, ResumableOptimizer> factory) {
        Parameter parameter = Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(3)).build();
        PairList<String, Parameter> parameters = new PairList<>();
        parameters.add("01Linear_weight", parameter);
        ResumableOptimizer optimizer = factory.apply(parameters);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(floats(W0));
            weight.setRequiresGradient(true);
            optimizer.update(parameter.getId(), weight, manager.create(floats(G1)));
            double[] afterOne = doubles(weight.toFloatArray());
            optimizer.update(parameter.getId(), weight, manager.create(floats(G2)));
            return new Result(afterOne, doubles(weight.toFloatArray()),
                    optimizer.state().parameters().get("01Linear_weight"));
        }
    }

    static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOLERANCE * Math.abs(expected[i]) + 1e-12, "element " + i);
        }
    }

    static void assertClose(double[] expected, float[] actual) {
        assertClose(expected, doubles(actual));
    }

    static float[] floats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    static double[] doubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }
}
