package dev.hpo.study.algorithm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A random forest of regression trees, as scikit-learn's {@code RandomForestRegressor} that Optuna's fANOVA fits:
 * each tree is grown on a bootstrap sample, splitting on the largest reduction in squared error, until its leaves
 * are pure or too small to split. A prediction is the mean of the trees' predictions.
 *
 * <p>Deterministic for a seed: the bootstrap samples and the order in which a node examines the features come from
 * one {@link SplittableRandom}, each tree drawing from its own split of it. A bootstrap sample is kept as distinct
 * rows with the number of times each was drawn as its weight (as scikit-learn does), so {@code minSamplesSplit} and
 * {@code minSamplesLeaf} count distinct rows.
 */
public final class RandomForest {

    /** Feature values closer than this are one value: no threshold is placed between them (scikit-learn's). */
    private static final double SAME_VALUE = 1e-7;

    /**
     * How the forest is grown.
     *
     * @param trees           number of trees
     * @param maxDepth        a node this deep (the root is depth 0) is a leaf
     * @param minSamplesSplit a node with fewer rows is a leaf
     * @param minSamplesLeaf  a split must leave at least this many rows on each side
     * @param maxFeatures     features examined at each node before settling for the best split found, taken in a
     *                        random order and counting only those not constant in the node; capped at the number of
     *                        features
     * @param bootstrap       grow each tree on a bootstrap sample of the rows rather than on all of them
     */
    public record Settings(int trees, int maxDepth, int minSamplesSplit, int minSamplesLeaf, int maxFeatures,
            boolean bootstrap) {

        /**
         * What Optuna's {@code FanovaImportanceEvaluator} asks of scikit-learn: 64 trees, depth 64, split from 2
         * rows, leaves of 1, every feature examined at every node, bootstrap.
         */
        public static final Settings FANOVA = new Settings(64, 64, 2, 1, Integer.MAX_VALUE, true);

        public Settings {
            if (trees < 1) {
                throw new IllegalArgumentException("trees must be >= 1, was " + trees);
            }
            if (maxDepth < 0) {
                throw new IllegalArgumentException("maxDepth must be >= 0, was " + maxDepth);
            }
            if (minSamplesSplit < 2) {
                throw new IllegalArgumentException("minSamplesSplit must be >= 2, was " + minSamplesSplit);
            }
            if (minSamplesLeaf < 1) {
                throw new IllegalArgumentException("minSamplesLeaf must be >= 1, was " + minSamplesLeaf);
            }
            if (maxFeatures < 1) {
                throw new IllegalArgumentException("maxFeatures must be >= 1, was " + maxFeatures);
            }
        }

        public Settings withTrees(int count) {
            return new Settings(count, maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures, bootstrap);
        }

        public Settings withMaxDepth(int depth) {
            return new Settings(trees, depth, minSamplesSplit, minSamplesLeaf, maxFeatures, bootstrap);
        }

        public Settings withMinSamplesLeaf(int rows) {
            return new Settings(trees, maxDepth, minSamplesSplit, rows, maxFeatures, bootstrap);
        }

        public Settings withBootstrap(boolean on) {
            return new Settings(trees, maxDepth, minSamplesSplit, minSamplesLeaf, maxFeatures, on);
        }
    }

    private final int features;
    private final List<Tree> trees;

    private RandomForest(int features, List<Tree> trees) {
        this.features = features;
        this.trees = List.copyOf(trees);
    }

    /**
     * Fits a forest to rows {@code x} (every row the same length, at least one feature) and targets {@code y}.
     *
     * @throws IllegalArgumentException when there are no rows, the rows differ in length or a value is not finite
     */
    public static RandomForest fit(double[][] x, double[] y, Settings settings, long seed) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need at least one row and one target per row, had " + n + " rows and "
                    + y.length + " targets");
        }
        int features = x[0].length;
        for (int i = 0; i < n; i++) {
            if (x[i].length != features || features == 0) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, row 0 has "
                        + features + " (need at least one)");
            }
            if (!Double.isFinite(y[i]) || !Arrays.stream(x[i]).allMatch(Double::isFinite)) {
                throw new IllegalArgumentException("row " + i + " has a value that is not a finite number");
            }
        }
        int[][] sorted = new int[features][];
        for (int f = 0; f < features; f++) {
            int feature = f;
            sorted[f] = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingDouble(row -> x[row][feature]))
                    .mapToInt(Integer::intValue).toArray();
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Tree> trees = new ArrayList<>();
        for (int t = 0; t < settings.trees(); t++) {
            SplittableRandom treeRandom = random.split();
            int[] weights = new int[n];
            if (settings.bootstrap()) {
                for (int i = 0; i < n; i++) {
                    weights[treeRandom.nextInt(n)]++;
                }
            } else {
                Arrays.fill(weights, 1);
            }
            trees.add(new Grower(x, y, weights, sorted, settings, treeRandom).grow());
        }
        return new RandomForest(features, trees);
    }

    /** The mean of the trees' predictions. */
    public double predict(double[] row) {
        if (row.length != features) {
            throw new IllegalArgumentException("expected " + features + " features, got " + row.length);
        }
        return trees.stream().mapToDouble(tree -> tree.predict(row)).average().orElseThrow();
    }

    public List<Tree> trees() {
        return trees;
    }

    public int features() {
        return features;
    }

    /**
     * One fitted regression tree as arrays indexed by node, the root at 0. An inner node sends a row left when its
     * value of {@code feature(node)} is at most {@code threshold(node)}.
     */
    public static final class Tree {

        private final int[] feature;
        private final double[] threshold;
        private final int[] left;
        private final int[] right;
        private final double[] value;

        private Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {
            this.feature = feature;
            this.threshold = threshold;
            this.left = left;
            this.right = right;
            this.value = value;
        }

        public double predict(double[] row) {
            int node = 0;
            while (!isLeaf(node)) {
                node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
            }
            return value[node];
        }

        public int nodeCount() {
            return value.length;
        }

        public boolean isLeaf(int node) {
            return feature[node] < 0;
        }

        /** The feature an inner node splits on; -1 for a leaf. */
        public int feature(int node) {
            return feature[node];
        }

        public double threshold(int node) {
            return threshold[node];
        }

        public int left(int node) {
            return left[node];
        }

        public int right(int node) {
            return right[node];
        }

        /** The weighted mean target of the rows that reached the node. */
        public double value(int node) {
            return value[node];
        }

        /** Depth of the deepest leaf; 0 for a tree that is one leaf. */
        public int depth() {
            return depth(0);
        }

        private int depth(int node) {
            return isLeaf(node) ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
        }
    }

    /**
     * Grows one tree. Each feature's in-bag rows are kept sorted by that feature's value in {@code order[f]}; a node
     * owns the same range {@code [from, to)} of every {@code order[f]}, and splitting it partitions each range
     * stably into its left then right rows, so no node sorts anything.
     */
    private static final class Grower {

        private final double[][] x;
        private final double[] y;
        private final int[] weights;
        private final Settings settings;
        private final SplittableRandom random;
        private final int[][] order;
        private final boolean[] goesLeft;
        private final int[] buffer;

        private final List<Node> nodes = new ArrayList<>();

        Grower(double[][] x, double[] y, int[] weights, int[][] sorted, Settings settings, SplittableRandom random) {
            this.x = x;
            this.y = y;
            this.weights = weights;
            this.settings = settings;
            this.random = random;
            this.order = new int[sorted.length][];
            for (int f = 0; f < sorted.length; f++) {
                order[f] = Arrays.stream(sorted[f]).filter(row -> weights[row] > 0).toArray();
            }
            this.goesLeft = new boolean[x.length];
            this.buffer = new int[order[0].length];
        }

        Tree grow() {
            grow(0, order[0].length, 0);
            return new Tree(nodes.stream().mapToInt(Node::feature).toArray(),
                    nodes.stream().mapToDouble(Node::threshold).toArray(),
                    nodes.stream().mapToInt(Node::left).toArray(),
                    nodes.stream().mapToInt(Node::right).toArray(),
                    nodes.stream().mapToDouble(Node::value).toArray());
        }

        private record Node(int feature, double threshold, int left, int right, double value) {

            static Node leaf(double value) {
                return new Node(-1, Double.NaN, -1, -1, value);
            }
        }

        /** Adds the node for rows {@code [from, to)} and its subtree; returns its index. */
        private int grow(int from, int to, int depth) {
            int node = nodes.size();
            double weight = 0;
            double sum = 0;
            double lowest = Double.POSITIVE_INFINITY;
            double highest = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                int row = order[0][i];
                weight += weights[row];
                sum += weights[row] * y[row];
                lowest = Math.min(lowest, y[row]);
                highest = Math.max(highest, y[row]);
            }
            double mean = sum / weight;
            nodes.add(Node.leaf(mean));

            int rows = to - from;
            boolean splittable = depth < settings.maxDepth() && rows >= settings.minSamplesSplit()
                    && rows >= 2 * settings.minSamplesLeaf() && lowest < highest;
            Split split = splittable ? bestSplit(from, to, weight, mean) : null;
            if (split == null) {
                return node;
            }
            int leftRows = partition(from, to, split);
            int left = grow(from, from + leftRows, depth + 1);
            int right = grow(from + leftRows, to, depth + 1);
            nodes.set(node, new Node(split.feature(), split.threshold(), left, right, mean));
            return node;
        }

        private record Split(int feature, double threshold, double score) {
        }

        /**
         * The split with the largest reduction in squared error, {@code d² W / (W_left W_right)} where {@code d} is
         * the weighted sum of the left rows' deviations from the node's mean; the first found wins a tie, the
         * features being taken in a random order.
         */
        private Split bestSplit(int from, int to, double weight, double mean) {
            int features = order.length;
            int[] shuffled = IntStream.range(0, features).toArray();
            Split best = null;
            int examined = 0;
            for (int k = 0; k < features && examined < settings.maxFeatures(); k++) {
                int swap = k + random.nextInt(features - k);
                int f = shuffled[swap];
                shuffled[swap] = shuffled[k];
                shuffled[k] = f;
                int[] rows = order[f];
                if (x[rows[to - 1]][f] <= x[rows[from]][f] + SAME_VALUE) {
                    continue;
                }
                examined++;
                double weightLeft = 0;
                double deviationLeft = 0;
                int minLeaf = settings.minSamplesLeaf();
                for (int i = from; i < to - 1; i++) {
                    int row = rows[i];
                    weightLeft += weights[row];
                    deviationLeft += weights[row] * (y[row] - mean);
                    double here = x[row][f];
                    double next = x[rows[i + 1]][f];
                    int leftRows = i + 1 - from;
                    if (next <= here + SAME_VALUE || leftRows < minLeaf || to - from - leftRows < minLeaf) {
                        continue;
                    }
                    double score = deviationLeft * deviationLeft * weight / (weightLeft * (weight - weightLeft));
                    if (best == null || score > best.score()) {
                        best = new Split(f, midpoint(here, next), score);
                    }
                }
            }
            return best;
        }

        /** Halfway between two values, never equal to the larger (so the larger goes right). */
        private static double midpoint(double low, double high) {
            double mid = low / 2 + high / 2;
            return mid >= high ? low : mid;
        }

        /** Reorders {@code [from, to)} of every feature's order, left rows first; returns the number of left rows. */
        private int partition(int from, int to, Split split) {
            for (int i = from; i < to; i++) {
                int row = order[0][i];
                goesLeft[row] = x[row][split.feature()] <= split.threshold();
            }
            int leftRows = 0;
            for (int[] rows : order) {
                int l = from;
                int r = 0;
                for (int i = from; i < to; i++) {
                    int row = rows[i];
                    if (goesLeft[row]) {
                        rows[l++] = row;
                    } else {
                        buffer[r++] = row;
                    }
                }
                System.arraycopy(buffer, 0, rows, l, r);
                leftRows = l - from;
            }
            return leftRows;
        }
    }
}
