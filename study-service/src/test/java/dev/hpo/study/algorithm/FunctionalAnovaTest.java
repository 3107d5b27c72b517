package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Variance decompositions worked out by hand, on trees fitted without bootstrap so their splits are known. */
class FunctionalAnovaTest {

    private static final RandomForest.Settings ONE_TREE_ALL_ROWS =
            RandomForest.Settings.FANOVA.withTrees(1).withBootstrap(false);

    private static final double[] ZEROS = {0, 0};
    private static final double[] ONES = {1, 1};

    private static FunctionalAnova anova(double[][] x, double[] y, double[] lower, double[] upper) {
        return new FunctionalAnova(RandomForest.fit(x, y, ONE_TREE_ALL_ROWS, 0).trees().get(0), lower, upper);
    }

    @Test
    void additiveFunctionSplitsItsVarianceBetweenTheFeatures() {
        // y = 2 [x0 > 0.5] + [x1 > 0.5] at the four corners: splits at 0.5, each feature's half of the square
        // Var(2 B) = 1, Var(B) = 1/4, no interaction
        double[][] x = {{0.25, 0.25}, {0.25, 0.75}, {0.75, 0.25}, {0.75, 0.75}};
        double[] y = {0, 1, 2, 3};
        FunctionalAnova anova = anova(x, y, ZEROS, ONES);
        assertEquals(1.25, anova.totalVariance(), 1e-12);
        assertEquals(1.0, anova.marginalVariance(new int[] {0}), 1e-12);
        assertEquals(0.25, anova.marginalVariance(new int[] {1}), 1e-12);
        assertEquals(1.25, anova.marginalVariance(new int[] {0, 1}), 1e-12);
    }

    @Test
    void pureInteractionExplainsNothingAlone() {
        // exclusive or: each feature alone averages to 1/2 everywhere
        double[][] x = {{0.25, 0.25}, {0.25, 0.75}, {0.75, 0.25}, {0.75, 0.75}};
        double[] y = {0, 1, 1, 0};
        FunctionalAnova anova = anova(x, y, ZEROS, ONES);
        assertEquals(0.25, anova.totalVariance(), 1e-12);
        assertEquals(0.0, anova.marginalVariance(new int[] {0}), 1e-12);
        assertEquals(0.0, anova.marginalVariance(new int[] {1}), 1e-12);
        assertEquals(0.25, anova.marginalVariance(new int[] {0, 1}), 1e-12);
    }

    @Test
    void cellsWeighByTheirWidth() {
        // split at 0.2 on [0, 1]: value 0 on a fifth, 5 on the rest; mean 4, variance 0.2 * 16 + 0.8 * 1 = 4
        double[][] x = {{0.1}, {0.3}};
        FunctionalAnova anova = anova(x, new double[] {0, 5}, new double[] {0}, new double[] {1});
        assertEquals(4.0, anova.totalVariance(), 1e-12);
        assertEquals(4.0, anova.marginalVariance(new int[] {0}), 1e-12);
    }

    @Test
    void boundsSetTheMeasure() {
        // the same split at 0.2 measured over [0, 0.4]: half and half, variance 6.25
        double[][] x = {{0.1}, {0.3}};
        FunctionalAnova anova = anova(x, new double[] {0, 5}, new double[] {0}, new double[] {0.4});
        assertEquals(6.25, anova.totalVariance(), 1e-12);
    }

    @Test
    void singleLeafHasNoVariance() {
        double[][] x = {{0.1, 0.2}, {0.3, 0.4}};
        FunctionalAnova anova = anova(x, new double[] {2, 2}, ZEROS, ONES);
        assertEquals(0.0, anova.totalVariance());
        assertEquals(0.0, anova.marginalVariance(new int[] {0}));
    }

    @Test
    void agreesWithPredictionsOnEveryCellOfTheSplitGrid() {
        // three features, a tree with interactions; brute force: predict at the midpoint of every cell of the grid
        // the split values draw and average the cells out, as Optuna's _FanovaTree does
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = new double[40][3];
        double[] y = new double[40];
        for (int i = 0; i < x.length; i++) {
            for (int f = 0; f < 3; f++) {
                x[i][f] = random.nextDouble();
            }
            y[i] = Math.sin(5 * x[i][0]) * x[i][1] + x[i][2] * x[i][2] + x[i][0];
        }
        RandomForest.Tree tree = RandomForest.fit(x, y, ONE_TREE_ALL_ROWS, 0).trees().get(0);
        FunctionalAnova anova = new FunctionalAnova(tree, new double[3], new double[] {1, 1, 1});
        double[][] edges = new double[3][];
        for (int f = 0; f < 3; f++) {
            int feature = f;
            DoubleStream thresholds = IntStream.range(0, tree.nodeCount())
                    .filter(node -> tree.feature(node) == feature).mapToDouble(tree::threshold);
            edges[f] = DoubleStream.concat(DoubleStream.of(0, 1), thresholds).sorted().distinct().toArray();
        }
        int[] cells = {edges[0].length - 1, edges[1].length - 1, edges[2].length - 1};
        double[][][] prediction = new double[cells[0]][cells[1]][cells[2]];
        for (int i = 0; i < cells[0]; i++) {
            for (int j = 0; j < cells[1]; j++) {
                for (int k = 0; k < cells[2]; k++) {
                    prediction[i][j][k] = tree.predict(new double[] {
                        (edges[0][i] + edges[0][i + 1]) / 2,
                        (edges[1][j] + edges[1][j + 1]) / 2,
                        (edges[2][k] + edges[2][k + 1]) / 2});
                }
            }
        }
        for (int[] group : new int[][] {{0}, {1}, {2}, {0, 1}, {1, 2}, {0, 2}, {0, 1, 2}}) {
            // a(v) per cell of the group's grid, as a map from the group's cell indices
            Map<List<Integer>, Double> marginal = new HashMap<>();
            Map<List<Integer>, Double> width = new HashMap<>();
            for (int i = 0; i < cells[0]; i++) {
                for (int j = 0; j < cells[1]; j++) {
                    for (int k = 0; k < cells[2]; k++) {
                        int[] at = {i, j, k};
                        List<Integer> key = new ArrayList<>();
                        double inside = 1;
                        double outside = 1;
                        for (int f = 0; f < 3; f++) {
                            double w = edges[f][at[f] + 1] - edges[f][at[f]];
                            int feature = f;
                            boolean member = Arrays.stream(group).anyMatch(g -> g == feature);
                            if (member) {
                                key.add(at[f]);
                                inside *= w;
                            } else {
                                outside *= w;
                            }
                        }
                        marginal.merge(key, outside * prediction[i][j][k], Double::sum);
                        width.put(key, inside);
                    }
                }
            }
            double mean = 0;
            double meanSquare = 0;
            for (List<Integer> key : marginal.keySet()) {
                mean += width.get(key) * marginal.get(key);
                meanSquare += width.get(key) * marginal.get(key) * marginal.get(key);
            }
            assertEquals(meanSquare - mean * mean, anova.marginalVariance(group), 1e-12, Arrays.toString(group));
        }
        assertEquals(anova.totalVariance(), anova.marginalVariance(new int[] {0, 1, 2}), 1e-12);
    }

    @Test
    void rejectsAnEmptyBox() {
        RandomForest.Tree tree = RandomForest.fit(new double[][] {{0.5}}, new double[] {1}, ONE_TREE_ALL_ROWS, 0)
                .trees().get(0);
        assertThrows(IllegalArgumentException.class,
                () -> new FunctionalAnova(tree, new double[] {1}, new double[] {1}));
    }
}
