package dev.hpo.runner.training;

import static dev.hpo.runner.training.TestParams.mlp;
import static dev.hpo.runner.training.TestParams.mlpDefaults;
import static dev.hpo.runner.training.TestParams.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.hpo.runner.data.DatasetSplits;

/** Trains on a slice of the real Fashion-MNIST: 2,000 training images, all 10,000 validation images. */
class ModelTrainerTest {

    private static final int TRAIN_SAMPLES = 2000;

    private final ModelTrainer trainer = new ModelTrainer();

    @Test
    void reachesMoreThanSixtyPercentValidationAccuracyAfterTwoEpochs() {
        List<Map<String, Double>> epochs = train(42L, 0, 2);

        double valAccuracy = epochs.get(1).get(EpochMetrics.VAL_ACCURACY);
        assertTrue(valAccuracy > 0.6 && valAccuracy <= 1.0, "val_accuracy " + valAccuracy);
    }

    @Test
    void reportsTrainingAndValidationLossAndAccuracyEachEpoch() {
        List<Map<String, Double>> epochs = train(7L, 0, 1);

        assertEquals(Set.of("loss", "accuracy", "val_loss", "val_accuracy"), epochs.get(0).keySet());
        epochs.get(0).values().forEach(value -> assertTrue(Double.isFinite(value), epochs.toString()));
    }

    @Test
    void sameSeedGivesIdenticalMetrics() {
        assertEquals(train(1234L, 0, 2), train(1234L, 0, 2));
    }

    @Test
    void numbersEpochsFromTheInitialEpoch() {
        List<Integer> numbers = new ArrayList<>();
        TrainingRun run = run(mlpDefaults(), RealFashionMnist.slice(200), 3, 5, null, 1L);

        trainer.train(run, (epoch, metrics, seconds) -> numbers.add(epoch), StopSignal.NEVER);

        assertEquals(List.of(4, 5), numbers);
    }

    @Test
    void endsBetweenBatchesWhenAStopIsRequestedAndCountsOnlyWholeEpochs() {
        List<Integer> numbers = new ArrayList<>();
        AtomicInteger checks = new AtomicInteger();
        StopSignal stopInSecondEpoch = () -> checks.incrementAndGet() == 20 ? Optional.of("pruned") : Optional.empty();
        TrainingRun run = run(mlpDefaults(), RealFashionMnist.slice(TRAIN_SAMPLES), 0, 5,
                null, 1L);

        TrainingOutcome outcome = trainer.train(run, (epoch, metrics, seconds) -> numbers.add(epoch),
                stopInSecondEpoch);

        assertEquals(new TrainingOutcome.Stopped(1, "pruned"), outcome);
        assertEquals(List.of(1), numbers);
        assertEquals(20, checks.get(), "asked once per batch: 16 batches of epoch 1, then 4 of epoch 2");
    }

    @Test
    void aStopBeforeTheFirstBatchTrainsNothing() {
        List<Integer> numbers = new ArrayList<>();
        TrainingRun run = run(mlpDefaults(), RealFashionMnist.slice(200), 3, 5, null, 1L);

        TrainingOutcome outcome = trainer.train(run, (epoch, metrics, seconds) -> numbers.add(epoch),
                () -> Optional.of("study cancelled"));

        assertEquals(new TrainingOutcome.Stopped(3, "study cancelled"), outcome);
        assertEquals(List.of(), numbers);
    }

    @Test
    void aSuspensionEndsAfterTheEpochWithItsCheckpoint() {
        List<Integer> numbers = new ArrayList<>();
        StopSignal suspendAfterTwo = new StopSignal() {
            @Override
            public Optional<String> stopReason() {
                return Optional.empty();
            }

            @Override
            public Optional<String> suspendReason() {
                return numbers.size() == 2 ? Optional.of("runner shutting down") : Optional.empty();
            }
        };
        TrainingRun run = run(mlpDefaults(), RealFashionMnist.slice(200), 0, 5, null,
                9L);

        TrainingOutcome outcome = trainer.train(run, (epoch, metrics, seconds) -> numbers.add(epoch),
                suspendAfterTwo);

        TrainingOutcome.Suspended suspended = assertInstanceOf(TrainingOutcome.Suspended.class, outcome);
        assertEquals(List.of(1, 2), numbers);
        assertEquals(2, suspended.epochs());
        assertEquals(2, suspended.checkpoint().epoch());
        assertEquals("runner shutting down", suspended.reason());
    }

    @Test
    void aSuspensionDuringTheTargetEpochCompletes() {
        TrainingRun run = run(mlpDefaults(), RealFashionMnist.slice(200), 0, 1, null,
                9L);
        StopSignal alwaysSuspend = new StopSignal() {
            @Override
            public Optional<String> stopReason() {
                return Optional.empty();
            }

            @Override
            public Optional<String> suspendReason() {
                return Optional.of("runner shutting down");
            }
        };

        assertInstanceOf(TrainingOutcome.Completed.class, trainer.train(run, (e, m, s) -> { }, alwaysSuspend));
    }

    @Test
    void trainsOnTheCpuWhenTheEngineSeesNoGpu() {
        assertEquals(ai.djl.engine.Engine.getInstance().getGpuCount() > 0 ? "gpu" : "cpu", trainer.device());
    }

    @Test
    void l2AddsThePenaltyToTheReportedLosses() {
        DatasetSplits data = RealFashionMnist.slice(500);
        List<Map<String, Double>> plain = new ArrayList<>();
        List<Map<String, Double>> penalised = new ArrayList<>();
        trainer.train(run(mlpDefaults(), data, 0, 1, null, 5L),
                (epoch, metrics, seconds) -> plain.add(metrics), StopSignal.NEVER);
        trainer.train(run(mlp(Map.of("l2", 0.01)), data, 0, 1, null, 5L),
                (epoch, metrics, seconds) -> penalised.add(metrics), StopSignal.NEVER);

        assertTrue(penalised.get(0).get("val_loss") > plain.get(0).get("val_loss") + 0.01,
                plain + " against " + penalised);
        assertTrue(penalised.get(0).get("loss") > plain.get(0).get("loss") + 0.01, plain + " against " + penalised);
    }

    @Test
    void completedRunCarriesTheCheckpointAfterTheTargetEpoch() {
        TrainingRun run = run(mlpDefaults(), RealFashionMnist.slice(200), 0, 1, null, 9L);

        TrainingOutcome outcome = trainer.train(run, (epoch, metrics, seconds) -> { }, StopSignal.NEVER);

        TrainingCheckpoint checkpoint = ((TrainingOutcome.Completed) outcome).checkpoint();
        assertEquals(1, checkpoint.epoch());
        assertEquals(200, checkpoint.trainSamples());
        assertEquals(List.of("02Linear_weight", "02Linear_bias", "04Linear_weight", "04Linear_bias"),
                List.copyOf(checkpoint.parameters().keySet()));
        assertEquals(List.copyOf(checkpoint.parameters().keySet()),
                List.copyOf(checkpoint.optimizer().parameters().keySet()));
    }

    @Test
    void epochOrderDependsOnlyOnSeedAndEpoch() {
        int[] first = ModelTrainer.shuffledOrder(1000, 5L, 3);

        assertTrue(Arrays.equals(first, ModelTrainer.shuffledOrder(1000, 5L, 3)));
        assertTrue(!Arrays.equals(first, ModelTrainer.shuffledOrder(1000, 5L, 4)));
        assertEquals(999 * 1000 / 2, Arrays.stream(first).sum());
    }

    private List<Map<String, Double>> train(long seed, int initialEpoch, int targetEpoch) {
        DatasetSplits data = RealFashionMnist.slice(TRAIN_SAMPLES);
        List<Map<String, Double>> epochs = new ArrayList<>();
        trainer.train(run(mlpDefaults(), data, initialEpoch, targetEpoch, null, seed),
                (epoch, metrics, seconds) -> epochs.add(metrics), StopSignal.NEVER);
        return epochs;
    }
}
