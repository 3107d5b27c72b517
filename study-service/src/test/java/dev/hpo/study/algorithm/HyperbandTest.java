package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HyperbandTest {

    /** One bracket: four configurations train 1 epoch, the best two go on to epoch 3. */
    private static final HyperbandPlan FOUR_THEN_TWO = new HyperbandPlan(
            List.of(new Bracket(1, List.of(new Rung(4, 1), new Rung(2, 3)))), 1);

    private static final Sampler NUMBERED = (number, history) -> Optional.of(Map.of("x", number));

    private static final SearchSpace SPACE = new SearchSpace(List.of(
            new FloatParameter("x", 0, 1, null, Sampling.LINEAR),
            new FloatParameter("y", 0, 1, null, Sampling.LINEAR)));

    static Stream<Arguments> plansPlayedToTheEnd() {
        return Stream.of(
                Arguments.of("kerasTuner(10, 3), 1 runner", HyperbandPlan.kerasTuner(10, 3, 1, 1), 1),
                Arguments.of("paper(10, 3), 1 runner", HyperbandPlan.paper(10, 3, 1), 1),
                Arguments.of("kerasTuner(10, 3) twice, 4 runners", HyperbandPlan.kerasTuner(10, 3, 1, 2), 4),
                Arguments.of("kerasTuner(81, 3), 7 runners", HyperbandPlan.kerasTuner(81, 3, 1, 1), 7),
                Arguments.of("paper(81, 3), 7 runners", HyperbandPlan.paper(81, 3, 1), 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plansPlayedToTheEnd")
    void trainsEveryRungOfThePlanAndExactlyItsEpochs(String name, HyperbandPlan plan, int parallelism) {
        StudySimulation study = simulate(plan, parallelism, 11).runToEnd();

        Map<String, Integer> expected = new HashMap<>();
        for (int position = 0; position < plan.sequenceLength(); position++) {
            for (Rung rung : plan.bracketAt(position).rungs()) {
                expected.put("bracket " + position + " epoch " + rung.epochs(), rung.configs());
            }
        }
        assertEquals(expected, trialsPerRung(plan, study.history()));
        assertEquals(plan.totalTrials(), study.answers(Suggestion.Run.class).size());
        assertEquals(plan.totalEpochs(), study.epochsTrained(), "epochs trained");
        assertInstanceOf(Suggestion.Done.class, study.answers().get(study.answers().size() - 1));
        assertTrue(study.history().stream().allMatch(t -> t.state() == TrialState.FINISHED));
    }

    @Test
    void promotesTheTopBestFirstWithTiesToTheLowerNumberAndFinishesTheRestFirst() {
        List<TrialRecord> history = new ArrayList<>(List.of(
                trial(0, TrialState.PAUSED, 1, 0.5), trial(1, TrialState.PAUSED, 1, 0.9),
                trial(2, TrialState.PAUSED, 1, 0.9), trial(3, TrialState.PAUSED, 1, 0.7)));

        assertEquals(List.of(
                new Suggestion.Finish(3, "not promoted from rung 0 (epoch 1): 0.7000 at epoch 1, rank 3 of 4; "
                        + "top 2 promoted"),
                new Suggestion.Finish(0, "not promoted from rung 0 (epoch 1): 0.5000 at epoch 1, rank 4 of 4; "
                        + "top 2 promoted"),
                new Suggestion.Resume(1, 3, "promoted to rung 1 (epoch 3): 0.9000 at epoch 1, rank 1 of 4, "
                        + "top 2 promoted"),
                new Suggestion.Resume(2, 3, "promoted to rung 1 (epoch 3): 0.9000 at epoch 1, rank 2 of 4, "
                        + "top 2 promoted"),
                new Suggestion.Wait()), play(new Hyperband(NUMBERED, FOUR_THEN_TWO, Direction.MAXIMIZE), history));
    }

    @Test
    void minimizingPromotesTheSmallestAndRanksAMissingObjectiveLast() {
        List<TrialRecord> history = new ArrayList<>(List.of(
                trial(0, TrialState.PAUSED, 1, (Double) null), trial(1, TrialState.PAUSED, 1, 0.3),
                trial(2, TrialState.PAUSED, 1, 0.1), trial(3, TrialState.PAUSED, 1, 0.2)));

        List<Suggestion> answers = play(new Hyperband(NUMBERED, FOUR_THEN_TWO, Direction.MINIMIZE), history);

        assertEquals(List.of("finish 1", "finish 0", "resume 2", "resume 3", "wait"), summary(answers));
        assertEquals("not promoted from rung 0 (epoch 1): no objective at epoch 1, rank 4 of 4; top 2 promoted",
                ((Suggestion.Finish) answers.get(1)).reason());
    }

    @Test
    void waitsWhileATrialOfTheRungIsStillTraining() {
        List<TrialRecord> history = List.of(
                trial(0, TrialState.PAUSED, 1, 0.5), trial(1, TrialState.PAUSED, 1, 0.9),
                trial(2, TrialState.ACTIVE, 1), trial(3, TrialState.PAUSED, 1, 0.7));

        assertEquals(new Suggestion.Wait(), new Hyperband(NUMBERED, FOUR_THEN_TWO, Direction.MAXIMIZE).next(history));
    }

    @Test
    void finishesComeBeforeResumesAndResumesBeforeTheNextBracketStarts() {
        List<TrialRecord> history = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            history.add(trial(n, TrialState.PAUSED, 2, 0.0, n / 100.0));
        }
        Hyperband hyperband = new Hyperband(NUMBERED, HyperbandPlan.kerasTuner(10, 3, 1, 1), Direction.MAXIMIZE);

        List<Suggestion> answers = play(hyperband, history, 13);

        assertEquals(List.of("finish 7", "finish 6", "finish 5", "finish 4", "finish 3", "finish 2", "finish 1",
                "finish 0", "resume 11", "resume 10", "resume 9", "resume 8", "run bracket 1"), summary(answers));
        assertEquals(4, ((Suggestion.Resume) answers.get(8)).targetEpoch(), "rung 1 of bracket s=2 trains to 4");
        assertEquals(4, ((Suggestion.Run) answers.get(12)).targetEpoch(), "rung 0 of bracket s=1 trains to 4");
    }

    @Test
    void laterBracketsStartWhileEarlierOnesWaitForTheirLastTrials() {
        Hyperband hyperband = new Hyperband(NUMBERED, HyperbandPlan.kerasTuner(10, 3, 1, 1), Direction.MAXIMIZE);
        List<TrialRecord> history = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            history.add(n == 5 ? trial(n, TrialState.ACTIVE, 2) : trial(n, TrialState.PAUSED, 2, 0.4, 0.5));
        }

        assertEquals(new Suggestion.Run(Map.of("x", 12), 4, 1), hyperband.next(history));
        for (int n = 12; n < 18; n++) {
            history.add(TrialRecord.started(n, Map.of("x", n), 1, 4));
        }
        assertEquals(new Suggestion.Run(Map.of("x", 18), 10, 2), hyperband.next(history));
    }

    @Test
    void aBracketLeftShortIsNotToppedUpOnceALaterBracketHasStarted() {
        // bracket 0 got 5 of its 12 trials before the sampler ran dry, and has promoted since
        List<TrialRecord> history = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            history.add(trial(n, TrialState.FINISHED, 2, 0.1, 0.2));
        }
        history.add(trial(4, TrialState.ACTIVE, 4, 0.3, 0.4));
        history.add(TrialRecord.started(5, Map.of("x", 5), 1, 4));
        Hyperband hyperband = new Hyperband(NUMBERED, HyperbandPlan.kerasTuner(10, 3, 1, 1), Direction.MAXIMIZE);

        assertEquals(new Suggestion.Run(Map.of("x", 6), 4, 1), hyperband.next(history));
    }

    @Test
    void aTrialThatFailedBeforeTheRungEpochRanksLastAndIsNeverResumed() {
        HyperbandPlan threeThenOne = new HyperbandPlan(
                List.of(new Bracket(1, List.of(new Rung(3, 2), new Rung(1, 4)))), 1);
        List<TrialRecord> history = new ArrayList<>(List.of(
                trial(0, TrialState.FINISHED, 2, 0.99),
                trial(1, TrialState.PAUSED, 2, 0.5, 0.6),
                trial(2, TrialState.PAUSED, 2, 0.4, 0.7)));

        assertEquals(List.of("finish 1", "resume 2", "wait"),
                summary(play(new Hyperband(NUMBERED, threeThenOne, Direction.MAXIMIZE), history)));
    }

    @Test
    void aTrialThatFailedAfterReportingKeepsItsPlaceAndIsNotReplaced() {
        // promoting the next one instead would let a failure lift a configuration that did not earn the rung
        HyperbandPlan threeThenOne = new HyperbandPlan(
                List.of(new Bracket(1, List.of(new Rung(3, 2), new Rung(1, 4)))), 1);
        List<TrialRecord> history = new ArrayList<>(List.of(
                trial(0, TrialState.FINISHED, 2, 0.5, 0.99),
                trial(1, TrialState.PAUSED, 2, 0.5, 0.6),
                trial(2, TrialState.PAUSED, 2, 0.4, 0.7)));

        assertEquals(List.of("finish 2", "finish 1", "done"),
                summary(play(new Hyperband(NUMBERED, threeThenOne, Direction.MAXIMIZE), history)));
    }

    @Test
    void failedTrialsAreNeverResumedAndTheStudyStillEnds() {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(10, 3, 1, 1);
        // the simulation refuses to resume a trial that is not paused
        StudySimulation study = simulate(plan, 3, 5).failing(0, 2).failing(3, 1).failing(14, 3).runToEnd();

        Set<Integer> resumed = study.answers(Suggestion.Resume.class).stream().map(Suggestion.Resume::trialNumber)
                .collect(Collectors.toSet());
        assertTrue(!resumed.contains(0) && !resumed.contains(3) && !resumed.contains(14), "resumed " + resumed);
        assertInstanceOf(Suggestion.Done.class, study.answers().get(study.answers().size() - 1));
    }

    @Test
    void aResumeContinuesFromTheRungEpochToTheNextRung() {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(81, 3, 1, 1);
        List<String> violations = new ArrayList<>();
        simulate(plan, 5, 3).observing((seen, answer) -> {
            if (answer instanceof Suggestion.Resume resume) {
                TrialRecord trial = seen.get(resume.trialNumber());
                List<Integer> epochs = plan.bracketAt(trial.bracket()).rungs().stream().map(Rung::epochs).toList();
                int rung = epochs.indexOf(trial.epochsRun());
                if (rung < 0 || trial.targetEpoch() != trial.epochsRun()
                        || resume.targetEpoch() != epochs.get(rung + 1)) {
                    violations.add(trial + " -> " + resume);
                }
            }
        }).runToEnd();

        assertEquals(List.of(), violations);
    }

    @Test
    void theSameHistoryGivesTheSameAnswer() {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(10, 3, 1, 2);
        simulate(plan, 4, 8).observing((seen, answer) -> {
            assertEquals(answer, algorithm(plan, 8).next(seen), "a fresh instance");
            assertEquals(answer, algorithm(plan, 8).next(seen), "asked again");
        }).runToEnd();
    }

    @Test
    void parallelismOneAndSevenPromoteTheSameTrials() {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(81, 3, 1, 1);
        StudySimulation one = simulate(plan, 1, 21).runToEnd();
        StudySimulation seven = simulate(plan, 7, 21).runToEnd();

        assertEquals(promotions(one), promotions(seven));
        assertEquals(one.epochsTrained(), seven.epochsTrained());
    }

    @Test
    void neverWaitsWhileABracketCanStartTrials() {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(81, 3, 1, 1);
        simulate(plan, 7, 4).observing((seen, answer) -> {
            if (answer instanceof Suggestion.Wait) {
                assertEquals(plan.totalTrials(), seen.size(), "waited before every trial was started");
            }
        }).runToEnd();
    }

    @Test
    void aBracketLeftShortByTheSamplerStillCompletes() {
        SearchSpace fiveConfigurations = new SearchSpace(List.of(new IntParameter("x", 1, 5, 1)));
        HyperbandPlan plan = HyperbandPlan.kerasTuner(10, 3, 1, 1);
        Hyperband hyperband = new Hyperband(new RandomSampler(fiveConfigurations, 2), plan, Direction.MAXIMIZE);

        StudySimulation study = new StudySimulation(hyperband, 2, 10,
                (params, epoch) -> (Integer) params.get("x") * epoch).runToEnd();

        // bracket s=2 wants 12 trials but gets the 5 configurations there are; 4 then 2 are promoted
        assertEquals(Map.of("bracket 0 epoch 2", 5, "bracket 0 epoch 4", 4, "bracket 0 epoch 10", 2),
                trialsPerRung(plan, study.history()));
        assertEquals(5 * 2 + 4 * 2 + 2 * 6, study.epochsTrained());
    }

    private static Hyperband algorithm(HyperbandPlan plan, long seed) {
        return new Hyperband(new RandomSampler(SPACE, seed), plan, Direction.MAXIMIZE);
    }

    private static StudySimulation simulate(HyperbandPlan plan, int parallelism, long seed) {
        return new StudySimulation(algorithm(plan, seed), parallelism, plan.maxEpochs(), (params, epoch) -> {
            double x = (Double) params.get("x");
            double y = (Double) params.get("y");
            // y slows early epochs down, so the early ranking is not the final one
            return 1 - (x - 0.3) * (x - 0.3) - 0.5 * y / epoch;
        });
    }

    /** How many trials were sent to each rung, by bracket position: what the plan budgets. */
    private static Map<String, Integer> trialsPerRung(HyperbandPlan plan, List<TrialRecord> history) {
        Map<String, Integer> counts = new HashMap<>();
        for (TrialRecord trial : history) {
            for (Rung rung : plan.bracketAt(trial.bracket()).rungs()) {
                if (rung.epochs() <= trial.targetEpoch()) {
                    counts.merge("bracket " + trial.bracket() + " epoch " + rung.epochs(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static Set<String> promotions(StudySimulation study) {
        Set<String> promotions = new HashSet<>();
        study.answers(Suggestion.Resume.class).forEach(r -> promotions.add(r.trialNumber() + "->" + r.targetEpoch()));
        return promotions;
    }

    /** Asks and applies answers until Wait or Done, or {@code limit} answers. */
    private static List<Suggestion> play(SearchAlgorithm algorithm, List<TrialRecord> history, int limit) {
        List<Suggestion> answers = new ArrayList<>();
        while (answers.size() < limit) {
            Suggestion answer = algorithm.next(List.copyOf(history));
            answers.add(answer);
            if (answer instanceof Suggestion.Wait || answer instanceof Suggestion.Done) {
                break;
            }
            StudySimulation.apply(history, answer);
        }
        return answers;
    }

    private static List<Suggestion> play(SearchAlgorithm algorithm, List<TrialRecord> history) {
        return play(algorithm, history, 100);
    }

    private static List<String> summary(List<Suggestion> answers) {
        return answers.stream().map(a -> {
            if (a instanceof Suggestion.Finish f) {
                return "finish " + f.trialNumber();
            } else if (a instanceof Suggestion.Resume r) {
                return "resume " + r.trialNumber();
            } else if (a instanceof Suggestion.Run r) {
                return "run bracket " + r.bracket();
            }
            return a instanceof Suggestion.Wait ? "wait" : "done";
        }).toList();
    }

    /** A trial of bracket 0, sent to {@code targetEpoch}, that reported these objectives. */
    private static TrialRecord trial(int number, TrialState state, int targetEpoch, Double... objectives) {
        return new TrialRecord(number, Map.of("x", number), state, 0, targetEpoch, Arrays.asList(objectives));
    }
}
