package dev.hpo.study.algorithm.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.hpo.study.algorithm.Asha;
import dev.hpo.study.algorithm.Direction;
import dev.hpo.study.algorithm.Hyperband;
import dev.hpo.study.algorithm.HyperbandPlan;
import dev.hpo.study.algorithm.MedianStoppingRule;
import dev.hpo.study.algorithm.RandomSampler;
import dev.hpo.study.algorithm.SamplingSearch;
import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.Suggestion;
import dev.hpo.study.algorithm.TrialState;

class FleetSimulationTest {

    private static final SurrogateCurves CURVES = new SurrogateCurves(7);

    private static SearchAlgorithm random(int trials, int epochs) {
        return new SamplingSearch(new RandomSampler(SurrogateCurves.SPACE, 7), trials, epochs);
    }

    @Test
    void oneRunnerIsNeverIdleAndEveryTrialFinishes() {
        FleetSimulation.Result result = new FleetSimulation(() -> random(20, 5), 1, 5, CURVES, 1).run();

        assertEquals(1.0, result.utilisation(), 1e-12);
        assertEquals(20, result.trials().size());
        assertEquals(100, result.epochs());
        assertTrue(result.trials().stream().allMatch(t -> t.state() == TrialState.FINISHED && t.epochsRun() == 5));
    }

    @Test
    void epochTimesAverageOneTimeUnitWithinTheJitter() {
        FleetSimulation.Result result = new FleetSimulation(() -> random(20, 5), 1, 5, CURVES, 1).run();

        assertEquals(100, result.makespan(), 100 * 0.10);
        assertTrue(result.makespan() != 100, "epoch times vary");
        assertEquals(100, new FleetSimulation(() -> random(20, 5), 1, 5, CURVES, 1).jitter(0).run().makespan(),
                1e-9);
    }

    @Test
    void runnersIdleOnlyWhileTheLastTrialsFinish() {
        FleetSimulation.Result result = new FleetSimulation(() -> random(64, 5), 8, 5, CURVES, 1).run();

        assertEquals(64, result.trials().size());
        assertEquals(320, result.epochs());
        assertEquals(result.epochs(), result.busyTime(), 320 * 0.10);
        assertTrue(result.utilisation() > 0.9 && result.utilisation() < 1.0, "utilisation " + result.utilisation());
        assertEquals(1.0, result.utilisationUntilLastStart(), 1e-12);
    }

    @Test
    void hyperbandTrainsExactlyItsPlan() {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(27, 3, 1, 2);
        FleetSimulation.Result result = new FleetSimulation(
                () -> new Hyperband(new RandomSampler(SurrogateCurves.SPACE, 3), plan, Direction.MAXIMIZE), 8, 27,
                CURVES, 1).run();

        assertEquals(plan.totalTrials(), result.trials().size());
        assertEquals(plan.totalEpochs(), result.epochs());
        assertTrue(result.trials().stream().allMatch(t -> t.state() == TrialState.FINISHED));
    }

    @Test
    void ashaPromotesSomeTrialsToTheLastRungAndFinishesTheRest() {
        FleetSimulation.Result result = new FleetSimulation(
                () -> new Asha(new RandomSampler(SurrogateCurves.SPACE, 3), 1, 27, 3, 200, Direction.MAXIMIZE), 8,
                27, CURVES, 1).run();

        assertEquals(200, result.trials().size());
        assertTrue(result.trials().stream().anyMatch(t -> t.epochsRun() == 27));
        assertTrue(result.trials().stream().allMatch(t -> t.state() == TrialState.FINISHED));
        assertTrue(result.answers().get("Resume") > 0);
    }

    /**
     * A kept algorithm told of each change answers exactly as one built anew for every round and reading the whole
     * history: the same answers, reasons included, and so the same study. Small fleets keep the field of a rung
     * shifting between calls; 32 runners put many trials in flight at once; the stopping rule finishes trials
     * between rungs; a tolerance-free objective (jitter 0) makes ties.
     */
    @Test
    void aKeptAlgorithmToldOfEachChangeAnswersAsANewOne() {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(27, 3, 1, 6);
        for (long seed = 1; seed <= 3; seed++) {
            long s = seed;
            for (int runners : new int[] {1, 4, 32}) {
                Supplier<SearchAlgorithm> asha = () -> new Asha(new RandomSampler(SurrogateCurves.SPACE, s), 1, 27, 3,
                        400, Direction.MAXIMIZE);
                Supplier<SearchAlgorithm> hyperband = () -> new Hyperband(new RandomSampler(SurrogateCurves.SPACE, s),
                        plan, Direction.MAXIMIZE);
                assertSameStudy(new FleetSimulation(asha, runners, 27, CURVES, s),
                        new FleetSimulation(asha, runners, 27, CURVES, s).keepAlgorithm());
                assertSameStudy(new FleetSimulation(hyperband, runners, 27, CURVES, s),
                        new FleetSimulation(hyperband, runners, 27, CURVES, s).keepAlgorithm());
            }
            Supplier<SearchAlgorithm> minimize = () -> new Asha(new RandomSampler(SurrogateCurves.SPACE, s), 1, 9, 3,
                    200, Direction.MINIMIZE);
            assertSameStudy(new FleetSimulation(minimize, 8, 9, CURVES, s).jitter(0),
                    new FleetSimulation(minimize, 8, 9, CURVES, s).jitter(0).keepAlgorithm());
            Supplier<SearchAlgorithm> stopped = () -> new Asha(new RandomSampler(SurrogateCurves.SPACE, s), 1, 27, 3,
                    150, Direction.MAXIMIZE);
            MedianStoppingRule rule = new MedianStoppingRule("val_accuracy", Direction.MAXIMIZE, 5, 2);
            assertSameStudy(new FleetSimulation(stopped, 8, 27, CURVES, s).stoppingRule(rule),
                    new FleetSimulation(stopped, 8, 27, CURVES, s).stoppingRule(rule).keepAlgorithm());
        }
    }

    private static void assertSameStudy(FleetSimulation eachRoundNew, FleetSimulation kept) {
        FleetSimulation.Result expected = eachRoundNew.run();
        FleetSimulation.Result actual = kept.run();
        assertTrue(expected.answers().get("Resume") > 0, "the study promotes");
        assertEquals(expected.answerLog(), actual.answerLog());
        assertEquals(expected.trials(), actual.trials());
    }

    @Test
    void theMedianRuleStopsTrialsBehindTheOthers() {
        FleetSimulation.Result result = new FleetSimulation(() -> random(40, 20), 4, 20, CURVES, 1)
                .stoppingRule(new MedianStoppingRule("val_accuracy", Direction.MAXIMIZE, 5, 2)).run();

        assertTrue(result.stopped() > 0);
        assertEquals(800 - result.epochs(),
                result.trials().stream().mapToLong(t -> 20 - t.epochsRun()).sum(), "epochs saved by stops");
    }

    @Test
    void everyCallIsTimedWithTheTrialsItWasShown() {
        FleetSimulation.Result result = new FleetSimulation(() -> random(30, 3), 4, 3, CURVES, 1).run();

        int calls = result.answers().values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(calls, result.decisionNanos().length);
        assertEquals(0, result.decisionTrials()[0]);
        assertEquals(30, result.decisionTrials()[calls - 1]);
    }

    @Test
    void theSameSeedsPlayTheSameStudy() {
        FleetSimulation.Result first = new FleetSimulation(() -> random(30, 4), 4, 4, CURVES, 5).run();
        FleetSimulation.Result second = new FleetSimulation(() -> random(30, 4), 4, 4, CURVES, 5).run();

        assertEquals(first.trials(), second.trials());
        assertEquals(first.makespan(), second.makespan());
        assertArrayEquals(first.decisionTrials(), second.decisionTrials());
    }

    @Test
    void anAlgorithmThatWaitsWithNothingTrainingIsReported() {
        SearchAlgorithm waiting = trials -> trials.isEmpty()
                ? new Suggestion.Run(Map.of("learning_rate", 0.003, "units", 64, "dropout", 0.1, "optimizer", "adam"),
                        1)
                : new Suggestion.Wait();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FleetSimulation(() -> waiting, 2, 3, CURVES, 1).run());
        assertTrue(e.getMessage().contains("Wait"), e.getMessage());
    }

    @Test
    void decilesCutTheCallsInOrderAndRankTheirTimes() {
        long[] nanos = new long[100];
        int[] trials = new int[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = 100 - i % 10;
            trials[i] = i;
        }

        List<DecisionTimes.Decile> deciles = DecisionTimes.deciles(nanos, trials);

        assertEquals(10, deciles.size());
        assertEquals(new DecisionTimes.Decile(1, 10, 9, 95, 100), deciles.get(0));
        assertEquals(99, deciles.get(9).trialsAtEnd());
        assertEquals(Optional.empty(), DecisionTimes.deciles(new long[9], new int[9]).stream().findAny());
    }
}
