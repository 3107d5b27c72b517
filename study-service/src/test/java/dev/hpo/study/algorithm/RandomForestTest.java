package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RandomForestTest {

    private static final RandomForest.Settings ONE_TREE_ALL_ROWS =
            RandomForest.Settings.FANOVA.withTrees(1).withBootstrap(false);

    /** {@code rows} points uniform on [0, 1]^features. */
    private static double[][] uniformRows(int rows, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[rows][features];
        for (double[] row : x) {
            for (int f = 0; f < features; f++) {
                row[f] = random.nextDouble();
            }
        }
        return x;
    }

    /** 1 below 0.5 on feature 0, 3 from there on; feature 1 is noise the tree should ignore. */
    private static double step(double[] row) {
        return row[0] < 0.5 ? 1 : 3;
    }

    private static double[] targets(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = step(x[i]);
        }
        return y;
    }

    @Test
    void oneTreeOnAllRowsReproducesEveryTarget() {
        double[][] x = uniformRows(200, 2, 1);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.sin(7 * x[i][0]) + x[i][1] * x[i][1];
        }
        RandomForest forest = RandomForest.fit(x, y, ONE_TREE_ALL_ROWS, 3);
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], forest.predict(x[i]), 1e-12);
        }
    }

    @Test
    void fitsAStepFunctionExactlyWithOneSplit() {
        double[][] x = uniformRows(200, 2, 2);
        RandomForest forest = RandomForest.fit(x, targets(x), ONE_TREE_ALL_ROWS, 3);
        RandomForest.Tree tree = forest.trees().get(0);
        assertEquals(3, tree.nodeCount());
        assertEquals(0, tree.feature(0));
        assertTrue(tree.threshold(0) > 0.45 && tree.threshold(0) < 0.55, "threshold " + tree.threshold(0));
        assertEquals(1.0, tree.value(tree.left(0)));
        assertEquals(3.0, tree.value(tree.right(0)));
    }

    @Test
    void bootstrappedForestPredictsTheStepExactlyAwayFromTheEdge() {
        double[][] x = uniformRows(200, 2, 4);
        RandomForest forest = RandomForest.fit(x, targets(x), RandomForest.Settings.FANOVA, 5);
        for (double at : new double[] {0.02, 0.2, 0.4, 0.6, 0.8, 0.98}) {
            double[] row = {at, 0.5};
            assertEquals(step(row), forest.predict(row), 1e-12, "at " + at);
        }
        assertEquals(64, forest.trees().size());
        assertTrue(forest.trees().stream().allMatch(tree -> tree.nodeCount() == 3));
    }

    @Test
    void predictionIsTheMeanOfTheTrees() {
        double[][] x = uniformRows(100, 3, 6);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i][0] + 2 * x[i][1] * x[i][2];
        }
        RandomForest forest = RandomForest.fit(x, y, RandomForest.Settings.FANOVA.withTrees(10), 7);
        double[] row = {0.3, 0.6, 0.9};
        double sum = 0;
        for (RandomForest.Tree tree : forest.trees()) {
            sum += tree.predict(row);
        }
        assertEquals(sum / 10, forest.predict(row), 1e-12);
        assertTrue(forest.trees().stream().mapToDouble(tree -> tree.predict(row)).distinct().count() > 1,
                "bootstrap samples should make the trees differ");
    }

    @Test
    void sameSeedGrowsTheSameForest() {
        double[][] x = uniformRows(150, 4, 8);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i][0] * x[i][1] - x[i][2];
        }
        RandomForest a = RandomForest.fit(x, y, RandomForest.Settings.FANOVA, 9);
        RandomForest b = RandomForest.fit(x, y, RandomForest.Settings.FANOVA, 9);
        RandomForest c = RandomForest.fit(x, y, RandomForest.Settings.FANOVA, 10);
        double[][] probes = uniformRows(50, 4, 11);
        boolean differs = false;
        for (double[] probe : probes) {
            assertEquals(a.predict(probe), b.predict(probe));
            differs |= a.predict(probe) != c.predict(probe);
        }
        assertTrue(differs, "another seed should draw other bootstrap samples");
    }

    @Test
    void maxDepthLimitsTheTree() {
        double[][] x = uniformRows(100, 2, 12);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i][0] + x[i][1];
        }
        RandomForest stumps = RandomForest.fit(x, y, ONE_TREE_ALL_ROWS.withMaxDepth(1), 13);
        assertEquals(1, stumps.trees().get(0).depth());
        RandomForest single = RandomForest.fit(x, y, ONE_TREE_ALL_ROWS.withMaxDepth(0), 13);
        assertEquals(1, single.trees().get(0).nodeCount());
        double mean = Arrays.stream(y).average().orElseThrow();
        assertEquals(mean, single.predict(new double[] {0.5, 0.5}), 1e-12);
    }

    @Test
    void everyLeafKeepsAtLeastMinSamplesLeafRows() {
        double[][] x = uniformRows(60, 1, 14);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i][0];
        }
        RandomForest forest = RandomForest.fit(x, y, ONE_TREE_ALL_ROWS.withMinSamplesLeaf(5), 15);
        RandomForest.Tree tree = forest.trees().get(0);
        int[] rowsPerLeaf = new int[tree.nodeCount()];
        for (double[] row : x) {
            int node = 0;
            while (!tree.isLeaf(node)) {
                node = row[tree.feature(node)] <= tree.threshold(node) ? tree.left(node) : tree.right(node);
            }
            rowsPerLeaf[node]++;
        }
        for (int node = 0; node < tree.nodeCount(); node++) {
            if (tree.isLeaf(node)) {
                assertTrue(rowsPerLeaf[node] >= 5, "leaf " + node + " has " + rowsPerLeaf[node] + " rows");
            }
        }
    }

    @Test
    void constantTargetsGiveOneLeaf() {
        double[][] x = uniformRows(30, 2, 16);
        RandomForest forest = RandomForest.fit(x, new double[30], RandomForest.Settings.FANOVA.withTrees(3), 17);
        assertTrue(forest.trees().stream().allMatch(tree -> tree.nodeCount() == 1));
    }

    @Test
    void identicalRowsWithDifferentTargetsCannotBeSplit() {
        double[][] x = {{0.5}, {0.5}, {0.5}};
        RandomForest forest = RandomForest.fit(x, new double[] {1, 2, 6}, ONE_TREE_ALL_ROWS, 18);
        assertEquals(1, forest.trees().get(0).nodeCount());
        assertEquals(3.0, forest.predict(new double[] {0.5}), 1e-12);
    }

    @Test
    void rejectsBadSettingsNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomForest.Settings.FANOVA.withTrees(0));
        assertTrue(e.getMessage().contains("trees"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomForest.Settings.FANOVA.withMinSamplesLeaf(0));
        assertTrue(e.getMessage().contains("minSamplesLeaf"), e.getMessage());
    }

    @Test
    void rejectsRowsOfDifferentLengthsAndMissingValues() {
        assertThrows(IllegalArgumentException.class,
                () -> RandomForest.fit(new double[][] {{1, 2}, {3}}, new double[] {1, 2}, ONE_TREE_ALL_ROWS, 0));
        assertThrows(IllegalArgumentException.class,
                () -> RandomForest.fit(new double[][] {{1}, {2}}, new double[] {1, Double.NaN}, ONE_TREE_ALL_ROWS, 0));
        assertNotEquals(0, RandomForest.fit(new double[][] {{1}}, new double[] {4}, ONE_TREE_ALL_ROWS, 0).features());
    }
}
