package dev.hpo.runner.training;

import static dev.hpo.runner.training.TestParams.cnn;
import static dev.hpo.runner.training.TestParams.mlp;
import static dev.hpo.runner.training.TestParams.params;
import static dev.hpo.runner.training.TestParams.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.hpo.runner.data.DatasetSplits;

/**
 * The proof that a checkpoint resumes exactly, for each optimiser with what makes resuming hard: momentum (RMSprop,
 * SGD with Nesterov), an exponentially decaying learning rate (its position is the update count), dropout (its masks
 * come from the engine's generator), an L2 penalty and, for Adam, decoupled weight decay; and for the {@code cnn}
 * builder (convolutions, pooling, dropout, L2 on its convolution kernels) on a smaller slice. 4 epochs in one go
 * against 2 epochs, a checkpoint through its bytes, and epochs 3-4 in a fresh trainer, model and manager. One
 * engine thread (set by {@link RealFashionMnist}).
 */
class ExactResumeTest {

    private static final int TRAIN_SAMPLES = 3000;
    private static final int CNN_SAMPLES = 600;
    private static final long SEED = 20261127L;
    private static final Map<String, Map<String, Object>> TRIALS = Map.of(
            "cnn", params("optimizer", "adam", "lr_schedule", "exponential", "decay_steps", 5, "decay_rate", 0.8,
                    "dropout", 0.2, "l2", 1e-4, "weight_decay", 1e-3, "conv_layers", 2, "filters", 4,
                    "units", 16),
            "adam", params("optimizer", "adam", "lr_schedule", "exponential", "decay_steps", 20, "decay_rate", 0.8,
                    "dropout", 0.2, "l2", 1e-4, "weight_decay", 1e-3, "units", 64),
            "rmsprop", params("optimizer", "rmsprop", "momentum", 0.5, "lr_schedule", "exponential",
                    "decay_steps", 20, "decay_rate", 0.8, "staircase", true, "dropout", 0.2, "l2", 1e-4,
                    "units", 64),
            "sgd", params("optimizer", "sgd", "momentum", 0.9, "nesterov", true, "learning_rate", 0.05,
                    "lr_schedule", "exponential", "decay_steps", 20, "decay_rate", 0.8, "dropout", 0.2, "l2", 1e-4,
                    "layers", 2, "units", 64));

    private static final Map<String, Trial> TRAINED = new HashMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"adam", "rmsprop", "sgd", "cnn"})
    void resumedRunEndsWithTheSameParametersBitForBit(String optimizer) {
        Trial trial = trained(optimizer);
        Map<String, FloatTensor> expected = trial.uninterrupted().checkpoint().parameters();
        Map<String, FloatTensor> actual = trial.resumed().checkpoint().parameters();

        assertEquals(expected.keySet(), actual.keySet());
        double max = 0;
        for (String name : expected.keySet()) {
            max = Math.max(max, maxAbsDifference(expected.get(name), actual.get(name)));
        }
        System.out.printf("%s: max abs difference of the parameters after 4 epochs, resumed after 2: %s%n",
                optimizer, max);
        assertEquals(0.0, max, "max abs difference");
        assertEquals(expected, actual, "bit for bit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "rmsprop", "sgd", "cnn"})
    void resumedRunEndsWithTheSameOptimiserState(String optimizer) {
        Trial trial = trained(optimizer);

        assertEquals(trial.uninterrupted().checkpoint().optimizer(), trial.resumed().checkpoint().optimizer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "rmsprop", "sgd", "cnn"})
    void epochsThreeAndFourReportTheSameMetrics(String optimizer) {
        Trial trial = trained(optimizer);

        assertEquals(List.of(3, 4), trial.resumed().epochs());
        assertEquals(trial.uninterrupted().metrics().subList(2, 4), trial.resumed().metrics());
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "rmsprop", "sgd"})
    void checkpointRecordsEpochPositionAndUpdateCount(String optimizer) {
        TrainingCheckpoint afterTwo = trained(optimizer).afterTwo();

        assertEquals(2, afterTwo.epoch());
        assertEquals(0, afterTwo.samplesIntoNextEpoch());
        assertEquals(SEED, afterTwo.seed());
        assertEquals(optimizer, afterTwo.optimizer().algorithm());
        int batchSize = afterTwo.hyperparameters().training().batchSize();
        int batchesPerEpoch = (TRAIN_SAMPLES + batchSize - 1) / batchSize;
        afterTwo.optimizer().parameters().values().forEach(state -> assertEquals(2 * batchesPerEpoch, state.step()));
    }

    @Test
    void resumingWithoutTheOptimiserStateWouldNotBeExact() {
        Trial trial = trained("rmsprop");
        TrainingCheckpoint afterTwo = trial.afterTwo();
        TrainingCheckpoint withoutState = new TrainingCheckpoint(afterTwo.epoch(), 0, afterTwo.seed(),
                afterTwo.trainSamples(), afterTwo.hyperparameters(),
                new ResumableOptimizer.State(afterTwo.optimizer().algorithm(), Map.of()), afterTwo.parameters());

        Run fresh = train(afterTwo.hyperparameters(), RealFashionMnist.slice(TRAIN_SAMPLES), 2, 4, withoutState);

        FloatTensor expected = trial.uninterrupted().checkpoint().parameters().get("02Linear_weight");
        assertTrue(maxAbsDifference(expected, fresh.checkpoint().parameters().get("02Linear_weight")) > 1e-4);
    }

    @Test
    void dropoutMasksDependOnTheEpochSoResumingThemTakesNoState() {
        assertEquals(ModelTrainer.dropoutSeed(SEED, 3), ModelTrainer.dropoutSeed(SEED, 3));
        assertTrue(ModelTrainer.dropoutSeed(SEED, 3) != ModelTrainer.dropoutSeed(SEED, 4));
        assertTrue(ModelTrainer.dropoutSeed(SEED, 3) != ModelTrainer.dropoutSeed(SEED + 1, 3));
    }

    static double maxAbsDifference(FloatTensor a, FloatTensor b) {
        double max = 0;
        for (int i = 0; i < a.values().length; i++) {
            max = Math.max(max, Math.abs((double) a.values()[i] - b.values()[i]));
        }
        return max;
    }

    private static synchronized Trial trained(String optimizer) {
        return TRAINED.computeIfAbsent(optimizer, name -> {
            boolean cnn = name.equals("cnn");
            TrialHyperparameters hyperparameters = cnn ? cnn(TRIALS.get(name)) : mlp(TRIALS.get(name));
            DatasetSplits data = cnn ? RealFashionMnist.slice(CNN_SAMPLES).firstValidation(CNN_SAMPLES)
                    : RealFashionMnist.slice(TRAIN_SAMPLES);
            Run uninterrupted = train(hyperparameters, data, 0, 4, null);
            Run firstHalf = train(hyperparameters, data, 0, 2, null);
            TrainingCheckpoint afterTwo = throughBytes(firstHalf.checkpoint());
            Run resumed = train(hyperparameters, data, 2, 4, afterTwo);
            return new Trial(uninterrupted, afterTwo, resumed);
        });
    }

    private static TrainingCheckpoint throughBytes(TrainingCheckpoint checkpoint) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CheckpointFormat.write(checkpoint, out);
            return CheckpointFormat.read(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh trainer, model and manager each time, as in another process. */
    private static Run train(TrialHyperparameters hyperparameters, DatasetSplits data, int initialEpoch,
            int targetEpoch, TrainingCheckpoint from) {
        List<Integer> epochs = new ArrayList<>();
        List<Map<String, Double>> metrics = new ArrayList<>();
        TrainingOutcome outcome = new ModelTrainer().train(
                run(hyperparameters, data, initialEpoch, targetEpoch, from, SEED),
                (epoch, values, seconds) -> {
                    epochs.add(epoch);
                    metrics.add(values);
                }, StopSignal.NEVER);
        return new Run(epochs, metrics, assertInstanceOf(TrainingOutcome.Completed.class, outcome).checkpoint());
    }

    private record Run(List<Integer> epochs, List<Map<String, Double>> metrics, TrainingCheckpoint checkpoint) {
    }

    private record Trial(Run uninterrupted, TrainingCheckpoint afterTwo, Run resumed) {
    }
}
