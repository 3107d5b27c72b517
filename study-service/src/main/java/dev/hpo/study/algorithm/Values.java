package dev.hpo.study.algorithm;

/** Equality of hyperparameter values as users mean it: 1, 1.0 and 1L are the same number. */
public final class Values {

    private Values() {
    }

    public static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return a != null && a.equals(b);
    }
}
