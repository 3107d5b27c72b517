package dev.hpo.local;

/**
 * The study every release must run: Fashion-MNIST, {@code Flatten → Dense(units, relu) → Dense(10)}, units 32–512
 * step 32, learning rate in {1e-2, 1e-3, 1e-4}, objective {@code val_accuracy}, by random search or Hyperband.
 */
public final class WorkedExample {

    private WorkedExample() {
    }

    /**
     * @param maxTrials   trials to run
     * @param epochs      epochs per trial
     * @param parallelism trials at once (one per runner)
     * @param trainLimit  training samples to use, or {@code null} for all 60,000
     */
    public static String randomSearch(int maxTrials, int epochs, int parallelism, Integer trainLimit) {
        return """
                {
                  "name": "fashion-mnist-random%s",
                  "objective": {"metric": "val_accuracy", "direction": "maximize"},
                  "algorithm": {"type": "random", "seed": 42},
                  "maxTrials": %d,
                  "parallelism": %d,
                  "epochs": %d,
                  "model": {"builder": "mlp"},
                  "dataset": {"name": "fashion-mnist"%s},
                  "space": {
                    "units": {"type": "int", "min": 32, "max": 512, "step": 32},
                    "learning_rate": {"type": "choice", "values": [0.01, 0.001, 0.0001]}
                  }
                }""".formatted(trainLimit == null ? "" : "-quick", maxTrials, parallelism, epochs,
                trainLimit == null ? "" : ", \"trainLimit\": " + trainLimit);
    }

    /**
     * The same space searched by Hyperband, KerasTuner's {@code Hyperband(max_epochs, factor)} plan.
     *
     * @param trainLimit training samples to use, or {@code null} for all 60,000
     */
    public static String hyperband(int maxEpochs, int factor, int parallelism, Integer trainLimit) {
        return """
                {
                  "name": "fashion-mnist-hyperband%s",
                  "objective": {"metric": "val_accuracy", "direction": "maximize"},
                  "algorithm": {"type": "hyperband", "maxEpochs": %d, "factor": %d, "seed": 42},
                  "parallelism": %d,
                  "model": {"builder": "mlp"},
                  "dataset": {"name": "fashion-mnist"%s},
                  "space": {
                    "units": {"type": "int", "min": 32, "max": 512, "step": 32},
                    "learning_rate": {"type": "choice", "values": [0.01, 0.001, 0.0001]}
                  }
                }""".formatted(trainLimit == null ? "" : "-quick", maxEpochs, factor, parallelism,
                trainLimit == null ? "" : ", \"trainLimit\": " + trainLimit);
    }
}
