package dev.hpo.study.support;

/** Study specs used across the tests. */
public final class Specs {

    private Specs() {
    }

    /** The worked example, shrunk: random search over units and learning rate. */
    public static String random(String name, int maxTrials, int parallelism, int epochs) {
        return """
                {"name": "%s",
                 "objective": {"metric": "val_accuracy", "direction": "maximize"},
                 "algorithm": {"type": "random", "seed": 42},
                 "maxTrials": %d, "parallelism": %d, "epochs": %d,
                 "dataset": {"name": "fashion-mnist", "trainLimit": 1000},
                 "space": {
                   "units": {"type": "int", "min": 32, "max": 512, "step": 32},
                   "learning_rate": {"type": "choice", "values": [0.01, 0.001, 0.0001]}
                 }}""".formatted(name, maxTrials, parallelism, epochs);
    }
}
