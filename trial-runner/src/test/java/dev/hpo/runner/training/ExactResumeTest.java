package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.hpo.runner.data.DatasetSplits;

/**
 * The proof that a checkpoint resumes exactly: 4 epochs in one go against 2 epochs, a checkpoint through its bytes,
 * and epochs 3-4 in a fresh trainer, model and manager. One engine thread (set by {@link RealFashionMnist}).
 */
class ExactResumeTest {

    private static final int TRAIN_SAMPLES = 3000;
    private static final long SEED = 20261127L;
    private static final MlpHyperparameters HYPERPARAMETERS = new MlpHyperparameters(128, 1e-3, 128);

    private static DatasetSplits data;
    private static Run uninterrupted;
    private static Run resumed;
    private static TrainingCheckpoint afterTwo;

    @BeforeAll
    static void trainBothWays() throws IOException {
        data = RealFashionMnist.slice(TRAIN_SAMPLES);
        uninterrupted = train(new MlpTrainer(), 0, 4, null);
        Run firstHalf = train(new MlpTrainer(), 0, 2, null);
        afterTwo = CheckpointFormat.read(bytes(firstHalf.checkpoint()));
        resumed = train(new MlpTrainer(), 2, 4, afterTwo);
    }

    @Test
    void resumedRunEndsWithTheSameParametersBitForBit() {
        Map<String, FloatTensor> expected = uninterrupted.checkpoint().parameters();
        Map<String, FloatTensor> actual = resumed.checkpoint().parameters();

        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, tensor) -> assertEquals(0.0, maxAbsDifference(tensor, actual.get(name)),
                "max abs difference of " + name));
        assertEquals(expected, actual, "bit for bit");
    }

    @Test
    void resumedRunEndsWithTheSameOptimiserState() {
        assertEquals(uninterrupted.checkpoint().optimizer(), resumed.checkpoint().optimizer());
    }

    @Test
    void resumingWithoutTheOptimiserStateWouldNotBeExact() {
        ResumableAdam.State saved = afterTwo.optimizer();
        TrainingCheckpoint withoutMoments = new TrainingCheckpoint(afterTwo.epoch(), 0, afterTwo.seed(),
                afterTwo.trainSamples(), afterTwo.hyperparameters(),
                new ResumableAdam.State(saved.beta1(), saved.beta2(), saved.epsilon(), Map.of()),
                afterTwo.parameters());

        Run fresh = train(new MlpTrainer(), 2, 4, withoutMoments);

        FloatTensor expected = uninterrupted.checkpoint().parameters().get("02Linear_weight");
        assertTrue(maxAbsDifference(expected, fresh.checkpoint().parameters().get("02Linear_weight")) > 1e-4);
    }

    @Test
    void epochsThreeAndFourReportTheSameMetrics() {
        assertEquals(List.of(3, 4), resumed.epochs());
        assertEquals(uninterrupted.metrics().subList(2, 4), resumed.metrics());
    }

    @Test
    void checkpointRecordsEpochPositionAndAdamStepCount() {
        assertEquals(2, afterTwo.epoch());
        assertEquals(0, afterTwo.samplesIntoNextEpoch());
        assertEquals(SEED, afterTwo.seed());
        int batchesPerEpoch = (TRAIN_SAMPLES + HYPERPARAMETERS.batchSize() - 1) / HYPERPARAMETERS.batchSize();
        afterTwo.optimizer().moments().values().forEach(m -> assertEquals(2 * batchesPerEpoch, m.step()));
    }

    static double maxAbsDifference(FloatTensor a, FloatTensor b) {
        double max = 0;
        for (int i = 0; i < a.values().length; i++) {
            max = Math.max(max, Math.abs((double) a.values()[i] - b.values()[i]));
        }
        return max;
    }

    private static byte[] bytes(TrainingCheckpoint checkpoint) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFormat.write(checkpoint, out);
        return out.toByteArray();
    }

    private static Run train(MlpTrainer trainer, int initialEpoch, int targetEpoch, TrainingCheckpoint from) {
        List<Integer> epochs = new ArrayList<>();
        List<Map<String, Double>> metrics = new ArrayList<>();
        TrainingOutcome outcome = trainer.train(
                new TrainingRun(HYPERPARAMETERS, data, initialEpoch, targetEpoch, from, SEED),
                (epoch, values, seconds) -> {
                    epochs.add(epoch);
                    metrics.add(values);
                }, StopSignal.NEVER);
        return new Run(epochs, metrics, assertInstanceOf(TrainingOutcome.Completed.class, outcome).checkpoint());
    }

    private record Run(List<Integer> epochs, List<Map<String, Double>> metrics, TrainingCheckpoint checkpoint) {
    }
}
