package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functional ANOVA of one regression tree over a box of feature values, as in Hutter, Hoos and Leyton-Brown,
 * "An Efficient Approach for Assessing Hyperparameter Importance" (ICML 2014): with the features drawn uniformly
 * from the box, how much of the variance of the tree's prediction a group of features explains on its own.
 *
 * <p>A tree cuts the box into its leaves' boxes, and its prediction is constant on each, so everything is exact. The
 * marginal prediction {@code a(v)}, the prediction averaged over all other features with the group held at
 * {@code v}, is the sum, over the leaves whose box contains {@code v} in the group's dimensions, of the leaf's value
 * times the share of the other dimensions its box covers. The group's variance is the variance of {@code a(v)} for
 * {@code v} uniform over the group's dimensions. Leaves whose boxes agree in the group's dimensions are added into
 * one term {@code c_b} over box {@code b}; then, with {@code |.|} the share of the group's dimensions a box covers,
 * {@code E[a(v)] = sum_b c_b |b|} and {@code E[a(v)^2] = sum_b sum_b' c_b c_b' |b ∩ b'|}. A single feature is
 * done cell by cell instead: the split values cut its range into cells on which {@code a(v)} is constant.
 *
 * <p>Optuna's {@code _FanovaTree} computes the same numbers by walking the tree once per cell of the grid that the
 * split values draw over the group; summing over pairs of boxes does not grow exponentially with the size of the
 * group, as that grid does for a one-hot encoded choice with many values.
 */
final class FunctionalAnova {

    private final double[] lower;
    private final double[] upper;
    /** Every leaf's value minus the tree's mean, which leaves variances as they are and keeps sums small. */
    private final double[] centredValue;
    private final double[][] leafLower;
    private final double[][] leafUpper;
    private final double totalVariance;

    /**
     * @param lower the box's lower bound per feature; every split threshold of the tree must lie inside the box
     * @param upper the box's upper bound per feature, above the lower
     */
    FunctionalAnova(RandomForest.Tree tree, double[] lower, double[] upper) {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("need one lower and one upper bound per feature");
        }
        for (int f = 0; f < lower.length; f++) {
            if (!(lower[f] < upper[f])) {
                throw new IllegalArgumentException("feature " + f + ": lower bound " + lower[f]
                        + " must be below upper bound " + upper[f]);
            }
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
        List<double[]> lows = new ArrayList<>();
        List<double[]> highs = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        collectLeaves(tree, 0, lower.clone(), upper.clone(), lows, highs, values);
        int leaves = values.size();
        this.leafLower = lows.toArray(new double[0][]);
        this.leafUpper = highs.toArray(new double[0][]);

        double[] volume = new double[leaves];
        double mean = 0;
        for (int l = 0; l < leaves; l++) {
            volume[l] = share(l, allFeatures(lower.length), true);
            mean += volume[l] * values.get(l);
        }
        this.centredValue = new double[leaves];
        double variance = 0;
        for (int l = 0; l < leaves; l++) {
            centredValue[l] = values.get(l) - mean;
            variance += volume[l] * centredValue[l] * centredValue[l];
        }
        this.totalVariance = variance;
    }

    /** The variance of the tree's prediction with every feature uniform over the box. */
    double totalVariance() {
        return totalVariance;
    }

    /**
     * The variance of the marginal prediction of the group {@code features} (distinct feature indices), never
     * negative: the variance the group explains on its own.
     */
    double marginalVariance(int[] features) {
        if (features.length == 0) {
            throw new IllegalArgumentException("a group needs at least one feature");
        }
        if (features.length == 1) {
            return marginalVariance(features[0]);
        }
        boolean[] inGroup = new boolean[lower.length];
        for (int f : features) {
            inGroup[f] = true;
        }
        // one term per distinct box in the group's dimensions: the leaf whose box it first was, and c_b
        Map<List<Double>, Integer> boxes = new LinkedHashMap<>();
        List<Integer> firstLeaf = new ArrayList<>();
        List<Double> coefficient = new ArrayList<>();
        for (int l = 0; l < centredValue.length; l++) {
            double outside = share(l, inGroup, false);
            List<Double> key = new ArrayList<>(2 * features.length);
            for (int f : features) {
                key.add(leafLower[l][f]);
                key.add(leafUpper[l][f]);
            }
            Integer term = boxes.get(key);
            if (term == null) {
                boxes.put(key, firstLeaf.size());
                firstLeaf.add(l);
                coefficient.add(centredValue[l] * outside);
            } else {
                coefficient.set(term, coefficient.get(term) + centredValue[l] * outside);
            }
        }
        int terms = firstLeaf.size();
        double mean = 0;
        double meanSquare = 0;
        for (int b = 0; b < terms; b++) {
            double cb = coefficient.get(b);
            double own = overlap(firstLeaf.get(b), firstLeaf.get(b), features);
            mean += cb * own;
            meanSquare += cb * cb * own;
            for (int c = b + 1; c < terms; c++) {
                meanSquare += 2 * cb * coefficient.get(c) * overlap(firstLeaf.get(b), firstLeaf.get(c), features);
            }
        }
        return Math.max(0, meanSquare - mean * mean);
    }

    /**
     * The same for one feature, cell by cell: the leaves' ends on the feature cut its range into cells on which
     * {@code a(v)} is constant, and each leaf adds its term to the cells it spans.
     */
    private double marginalVariance(int feature) {
        int leaves = centredValue.length;
        boolean[] inGroup = new boolean[lower.length];
        inGroup[feature] = true;
        double[] edges = new double[2 * leaves];
        for (int l = 0; l < leaves; l++) {
            edges[2 * l] = leafLower[l][feature];
            edges[2 * l + 1] = leafUpper[l][feature];
        }
        edges = Arrays.stream(edges).sorted().distinct().toArray();
        // a(v) on cell k, built as differences: each leaf adds at its lower end and takes away at its upper end
        double[] step = new double[edges.length];
        for (int l = 0; l < leaves; l++) {
            double term = centredValue[l] * share(l, inGroup, false);
            step[Arrays.binarySearch(edges, leafLower[l][feature])] += term;
            step[Arrays.binarySearch(edges, leafUpper[l][feature])] -= term;
        }
        double marginal = 0;
        double mean = 0;
        double meanSquare = 0;
        for (int k = 0; k + 1 < edges.length; k++) {
            marginal += step[k];
            double width = (edges[k + 1] - edges[k]) / (upper[feature] - lower[feature]);
            mean += width * marginal;
            meanSquare += width * marginal * marginal;
        }
        return Math.max(0, meanSquare - mean * mean);
    }

    /** The share of the group's dimensions that leaves {@code a} and {@code b} both cover. */
    private double overlap(int a, int b, int[] features) {
        double share = 1;
        for (int f : features) {
            double width = Math.min(leafUpper[a][f], leafUpper[b][f]) - Math.max(leafLower[a][f], leafLower[b][f]);
            if (width <= 0) {
                return 0;
            }
            share *= width / (upper[f] - lower[f]);
        }
        return share;
    }

    /** The share of the dimensions where {@code selected[f] == inside} that leaf {@code l}'s box covers. */
    private double share(int l, boolean[] selected, boolean inside) {
        double share = 1;
        for (int f = 0; f < lower.length; f++) {
            if (selected[f] == inside) {
                share *= (leafUpper[l][f] - leafLower[l][f]) / (upper[f] - lower[f]);
            }
        }
        return share;
    }

    private static boolean[] allFeatures(int count) {
        boolean[] all = new boolean[count];
        Arrays.fill(all, true);
        return all;
    }

    private static void collectLeaves(RandomForest.Tree tree, int node, double[] low, double[] high,
            List<double[]> lows, List<double[]> highs, List<Double> values) {
        if (tree.isLeaf(node)) {
            lows.add(low);
            highs.add(high);
            values.add(tree.value(node));
            return;
        }
        int f = tree.feature(node);
        double t = Math.max(low[f], Math.min(high[f], tree.threshold(node)));
        double[] leftHigh = high.clone();
        leftHigh[f] = t;
        double[] rightLow = low.clone();
        rightLow[f] = t;
        collectLeaves(tree, tree.left(node), low, leftHigh, lows, highs, values);
        collectLeaves(tree, tree.right(node), rightLow, high, lows, highs, values);
    }
}
