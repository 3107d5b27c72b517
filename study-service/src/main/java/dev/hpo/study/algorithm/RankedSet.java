package dev.hpo.study.algorithm;

import java.util.SplittableRandom;

/**
 * Trials in {@link RungRanking}'s order, as (objective, trial number) pairs, with the number of trials ranking
 * before any pair found in O(log n): a treap whose nodes count their subtree. The JDK's sorted sets find an element
 * in O(log n) but count the elements before it only by walking them.
 */
final class RankedSet {

    private static final class Node {
        final double objective;
        final int number;
        final int priority;
        Node left;
        Node right;
        int size = 1;

        Node(double objective, int number, int priority) {
            this.objective = objective;
            this.number = number;
            this.priority = priority;
        }
    }

    private final Direction direction;
    /** Priorities only shape the tree; a fixed seed keeps runs repeatable. */
    private final SplittableRandom priorities = new SplittableRandom(0x5eed);
    private Node root;

    RankedSet(Direction direction) {
        this.direction = direction;
    }

    int size() {
        return size(root);
    }

    /** Adds the pair; a trial number must be in the set at most once. */
    void add(double objective, int number) {
        root = insert(root, new Node(objective, number, priorities.nextInt()));
    }

    /** Removes the pair, which must be in the set exactly as added. */
    void remove(double objective, int number) {
        root = delete(root, objective, number);
    }

    /** How many pairs rank before the given one, which need not be in the set. */
    int countBefore(double objective, int number) {
        int count = 0;
        Node node = root;
        while (node != null) {
            if (compare(node.objective, node.number, objective, number) < 0) {
                count += size(node.left) + 1;
                node = node.right;
            } else {
                node = node.left;
            }
        }
        return count;
    }

    /** The trial number of the best pair, or -1 when the set is empty. */
    int firstNumber() {
        Node node = first();
        return node == null ? -1 : node.number;
    }

    /** The objective of the best pair (NaN for none); only when the set is not empty. */
    double firstObjective() {
        return first().objective;
    }

    private Node first() {
        Node node = root;
        while (node != null && node.left != null) {
            node = node.left;
        }
        return node;
    }

    private int compare(double x, int a, double y, int b) {
        return RungRanking.compare(x, a, y, b, direction);
    }

    private Node insert(Node node, Node added) {
        if (node == null) {
            return added;
        }
        if (compare(added.objective, added.number, node.objective, node.number) < 0) {
            node.left = insert(node.left, added);
            if (node.left.priority > node.priority) {
                node = rotateRight(node);
            }
        } else {
            node.right = insert(node.right, added);
            if (node.right.priority > node.priority) {
                node = rotateLeft(node);
            }
        }
        return resize(node);
    }

    private Node delete(Node node, double objective, int number) {
        if (node == null) {
            throw new IllegalStateException("trial " + number + " with objective " + objective + " is not ranked");
        }
        int order = compare(objective, number, node.objective, node.number);
        if (order < 0) {
            node.left = delete(node.left, objective, number);
        } else if (order > 0) {
            node.right = delete(node.right, objective, number);
        } else {
            return merge(node.left, node.right);
        }
        return resize(node);
    }

    /** Joins two treaps whose every left pair ranks before every right pair. */
    private static Node merge(Node left, Node right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        if (left.priority > right.priority) {
            left.right = merge(left.right, right);
            return resize(left);
        }
        right.left = merge(left, right.left);
        return resize(right);
    }

    private static Node rotateRight(Node node) {
        Node top = node.left;
        node.left = top.right;
        top.right = resize(node);
        return resize(top);
    }

    private static Node rotateLeft(Node node) {
        Node top = node.right;
        node.right = top.left;
        top.left = resize(node);
        return resize(top);
    }

    private static Node resize(Node node) {
        node.size = size(node.left) + size(node.right) + 1;
        return node;
    }

    private static int size(Node node) {
        return node == null ? 0 : node.size;
    }
}
