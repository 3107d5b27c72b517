package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A coarse search, then random draws from the space narrowed around its best trials: scripted histories. */
class CoarseToFineTest {

    private static final SearchSpace SPACE = new SearchSpace(List.of(
            new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG),
            new IntParameter("units", 16, 784, 16, Sampling.LINEAR),
            new ChoiceParameter("optimizer", List.of("adam", "sgd", "rmsprop"))));

    /** Best at learning_rate 10^-2.5 and 400 units. */
    private static double objective(Map<String, Object> params, int epoch) {
        double lr = Math.log10(((Number) params.get("learning_rate")).doubleValue()) + 2.5;
        double units = (((Number) params.get("units")).doubleValue() - 400) / 400;
        return -(lr * lr) - units * units + 0.01 * epoch;
    }

    private static CoarseToFine randomThenFine(int coarseTrials, int keepTop, int fineTrials) {
        return new CoarseToFine(new SamplingSearch(new RandomSampler(SPACE, 11), coarseTrials, 3), SPACE, 11,
                Direction.MAXIMIZE, keepTop, fineTrials, 3, 1);
    }

    @Test
    void aRandomCoarsePhaseIsFollowedByFineTrialsInsideTheNarrowedSpace() {
        CoarseToFine search = randomThenFine(12, 3, 6);
        StudySimulation study = new StudySimulation(search, 3, 3, CoarseToFineTest::objective).runToEnd();

        List<TrialRecord> trials = study.history();
        assertEquals(18, trials.size());
        List<TrialRecord> coarse = trials.subList(0, 12);
        List<TrialRecord> fine = trials.subList(12, 18);
        assertTrue(coarse.stream().allMatch(t -> t.bracket() == 0), "coarse trials keep bracket 0");
        assertTrue(fine.stream().allMatch(t -> t.bracket() == 1 && t.targetEpoch() == 3), fine.toString());

        SearchSpace narrowed = RangeRefinement.narrow(SPACE, search.top(coarse).stream().map(TrialRecord::params)
                .toList());
        for (TrialRecord trial : fine) {
            assertTrue(narrowed.contains(trial.params()), trial.params() + " outside " + narrowed);
        }
        FloatParameter rate = (FloatParameter) narrowed.parameters().get(0);
        assertTrue(Math.log10(rate.max() / rate.min()) < 3, "the learning rate's range is narrower: " + rate);
    }

    @Test
    void noFineTrialStartsWhileACoarseTrialIsActive() {
        List<String> violations = new ArrayList<>();
        new StudySimulation(randomThenFine(8, 2, 4), 4, 3, CoarseToFineTest::objective)
                .observing((seen, answer) -> {
                    if (answer instanceof Suggestion.Run run && run.bracket() == 1
                            && seen.stream().anyMatch(t -> t.bracket() == 0 && t.state() != TrialState.FINISHED)) {
                        violations.add("fine trial " + seen.size() + " while " + seen);
                    }
                })
                .runToEnd();

        assertEquals(List.of(), violations);
    }

    @Test
    void fineTrialsSayWhichTrialsTheSpaceWasNarrowedAround() {
        List<TrialRecord> history = finishedCoarse(List.of(0.5, 0.9, 0.7, 0.1));

        Suggestion.Run run = assertInstanceOf(Suggestion.Run.class, randomThenFine(4, 2, 3).next(history));

        assertEquals(1, run.bracket());
        assertTrue(run.reason().startsWith("fine phase: drawn from the space narrowed around coarse trials 1, 2: "),
                run.reason());
    }

    @Test
    void theSameHistoryGetsTheSameFineTrialAfterARestart() {
        List<TrialRecord> history = finishedCoarse(List.of(0.5, 0.9, 0.7, 0.1));

        assertEquals(randomThenFine(4, 2, 3).next(history), randomThenFine(4, 2, 3).next(history));
    }

    @Test
    void coarseTrialsRankByTheFurthestEpochReachedThenByTheirBest() {
        List<TrialRecord> coarse = List.of(
                trial(0, List.of(0.9)),              // stopped early with a good first epoch
                trial(1, List.of(0.5, 0.6, 0.7)),
                trial(2, List.of(0.4, 0.8, 0.75)),
                trial(3, List.of()));                // failed before reporting

        assertEquals(List.of(2, 1, 0), randomThenFine(4, 3, 1).top(coarse).stream().map(TrialRecord::number)
                .toList());
    }

    @Test
    void withoutAnyObjectiveTheFinePhaseDrawsFromTheWholeSpace() {
        List<TrialRecord> history = List.of(trial(0, List.of()), trial(1, List.of()));

        Suggestion.Run run = assertInstanceOf(Suggestion.Run.class, randomThenFine(2, 1, 1).next(history));

        assertTrue(run.reason().contains("whole space"), run.reason());
    }

    @Test
    void aFiniteNarrowedSpaceThatIsUsedUpEndsTheStudyEarly() {
        SearchSpace small = new SearchSpace(List.of(new ChoiceParameter("optimizer", List.of("adam", "sgd"))));
        CoarseToFine search = new CoarseToFine(new SamplingSearch(new RandomSampler(small, 3), 2, 1), small, 3,
                Direction.MAXIMIZE, 1, 5, 1, 1);
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Suggestion.Run run = assertInstanceOf(Suggestion.Run.class, search.next(history));
            history.add(new TrialRecord(i, run.params(), TrialState.FINISHED, 0, 1, List.of(i + 0.5)));
        }

        // the best trial's optimizer is all the narrowed space holds, and it has been tried
        assertInstanceOf(Suggestion.Done.class, search.next(history));
    }

    @Test
    void aHyperbandCoarsePhaseIsAskedOnlyAboutItsOwnTrials() {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(9, 3, 1, 1);
        CoarseToFine search = new CoarseToFine(new Hyperband(new RandomSampler(SPACE, 5), plan, Direction.MAXIMIZE),
                SPACE, 5, Direction.MAXIMIZE, 3, 4, 9, plan.sequenceLength());

        List<TrialRecord> trials = new StudySimulation(search, 2, 9, CoarseToFineTest::objective).runToEnd()
                .history();

        assertEquals(plan.totalTrials() + 4, trials.size());
        List<TrialRecord> fine = trials.subList(plan.totalTrials(), trials.size());
        assertTrue(fine.stream().allMatch(t -> t.bracket() == plan.sequenceLength() && t.epochsRun() == 9),
                fine.toString());
        assertTrue(trials.subList(0, plan.totalTrials()).stream().allMatch(t -> t.bracket() < plan.sequenceLength()));
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        SearchAlgorithm coarse = new SamplingSearch(new RandomSampler(SPACE, 1), 5, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CoarseToFine(coarse, SPACE, 1, Direction.MAXIMIZE, 0, 5, 1, 1));
        assertEquals("keepTop must be >= 1, was 0", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new CoarseToFine(coarse, SPACE, 1, Direction.MAXIMIZE, 3, 5, 1, 0));
    }

    /** Finished coarse trials of three epochs, their last epoch's objective given. */
    private static List<TrialRecord> finishedCoarse(List<Double> objectives) {
        List<TrialRecord> history = new ArrayList<>();
        RandomSampler sampler = new RandomSampler(SPACE, 11);
        for (int i = 0; i < objectives.size(); i++) {
            history.add(new TrialRecord(i, sampler.sample(i, history).orElseThrow(), TrialState.FINISHED, 0, 3,
                    List.of(0.0, 0.0, objectives.get(i))));
        }
        return history;
    }

    private static TrialRecord trial(int number, List<Double> objectives) {
        return new TrialRecord(number, new RandomSampler(SPACE, 11).sample(number, List.of()).orElseThrow(),
                TrialState.FINISHED, 0, 3, objectives);
    }
}
