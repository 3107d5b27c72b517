package dev.hpo.runner.training;

/** Names of the metrics reported after each epoch, as Keras names them. */
public final class EpochMetrics {

    public static final String LOSS = "loss";
    public static final String ACCURACY = "accuracy";
    public static final String VAL_LOSS = "val_loss";
    public static final String VAL_ACCURACY = "val_accuracy";

    private EpochMetrics() {
    }
}
