package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AshaTest {

    private static final Sampler NUMBERED = (number, history) -> Optional.of(Map.of("x", number));

    /** Rungs at epochs 1, 3 and 9; at most 100 trials. */
    private static final Asha ASHA = new Asha(NUMBERED, 1, 9, 3, 100, Direction.MAXIMIZE);

    @ParameterizedTest(name = "minEpochs {0}, maxEpochs {1}, factor {2}: rungs at {3}")
    @CsvSource({
            "1, 10, 3, 1 3 9 10",
            "1, 9, 3, 1 3 9",
            "2, 16, 2, 2 4 8 16",
            "1, 100, 4, 1 4 16 64 100",
            "5, 5, 3, 5" })
    void rungsSitAtMinEpochsTimesPowersOfTheFactorAndAtMaxEpochs(int min, int max, int factor, String epochs) {
        assertEquals(Arrays.stream(epochs.split(" ")).map(Integer::valueOf).toList(),
                Asha.rungEpochs(min, max, factor));
    }

    @Test
    void promotesTheBestOnceFactorTrialsHaveReportedTheRung() {
        List<TrialRecord> history = List.of(paused(0, 1, 0.2), paused(1, 1, 0.8), paused(2, 1, 0.5));

        assertEquals(new Suggestion.Resume(1, 3,
                "promoted to rung 1 (epoch 3): 0.8000 at epoch 1, rank 1 of 3, top 1 promotable"), ASHA.next(history));
    }

    @ParameterizedTest(name = "{0} trials at rung 0: {1} promoted before a new trial starts")
    @CsvSource({ "1, 0", "2, 0", "3, 1", "5, 1", "6, 2", "8, 2", "9, 3" })
    void promotesTheTopFloorOfMOverFactor(int reported, int promoted) {
        List<TrialRecord> history = new ArrayList<>();
        for (int n = 0; n < reported; n++) {
            history.add(paused(n, 1, 1.0 - n / 100.0));
        }

        List<Suggestion> answers = playUntilRun(ASHA, history);

        assertEquals(promoted, answers.size() - 1, "resumes before the run: " + answers);
        for (int i = 0; i < promoted; i++) {
            assertEquals(i, ((Suggestion.Resume) answers.get(i)).trialNumber(), "best first");
        }
        assertEquals(new Suggestion.Run(Map.of("x", reported), 1, 0), answers.get(promoted));
    }

    @Test
    void equalObjectivesPromoteTheLowerNumber() {
        List<TrialRecord> history = List.of(paused(0, 1, 0.5), paused(1, 1, 0.9), paused(2, 1, 0.9));

        assertEquals(1, ((Suggestion.Resume) ASHA.next(history)).trialNumber());
    }

    @Test
    void aPromotedTrialStillCountsInTheRankingButIsNotPromotedAgain() {
        List<TrialRecord> history = List.of(
                paused(0, 1, 0.5), trial(1, TrialState.ACTIVE, 3, 0.9), paused(2, 1, 0.7),
                paused(3, 1, 0.1), paused(4, 1, 0.2), paused(5, 1, 0.3));

        assertEquals(new Suggestion.Resume(2, 3,
                "promoted to rung 1 (epoch 3): 0.7000 at epoch 1, rank 2 of 6, top 2 promotable"), ASHA.next(history));
    }

    @Test
    void higherRungsArePromotedFirst() {
        // trial 3 is promotable from rung 0 too, but a promotion to the top rung comes first
        List<TrialRecord> history = List.of(
                paused(0, 3, 0.1, 0.2, 0.9), trial(1, TrialState.ACTIVE, 9, 0.2, 0.3, 0.4),
                trial(2, TrialState.ACTIVE, 9, 0.3, 0.4, 0.5), paused(3, 1, 0.95),
                paused(4, 1, 0.04), paused(5, 1, 0.03));

        assertEquals(new Suggestion.Resume(0, 9,
                "promoted to rung 2 (epoch 9): 0.9000 at epoch 3, rank 1 of 3, top 1 promotable"), ASHA.next(history));
    }

    @Test
    void aFailedTrialIsNotPromotedAndKeepsItsPlace() {
        List<TrialRecord> history = List.of(
                trial(0, TrialState.FINISHED, 1, 0.9), paused(1, 1, 0.5), paused(2, 1, 0.4));

        assertEquals(new Suggestion.Run(Map.of("x", 3), 1, 0), ASHA.next(history));
    }

    @Test
    void minimizingPromotesTheSmallest() {
        Asha asha = new Asha(NUMBERED, 1, 9, 3, 100, Direction.MINIMIZE);
        List<TrialRecord> history = List.of(paused(0, 1, 0.2), paused(1, 1, 0.8), paused(2, 1, 0.5));

        assertEquals(0, ((Suggestion.Resume) asha.next(history)).trialNumber());
    }

    @Test
    void waitsOnceMaxTrialsExistAndNothingIsPromotable() {
        Asha asha = new Asha(NUMBERED, 1, 9, 3, 3, Direction.MAXIMIZE);
        List<TrialRecord> history = List.of(paused(0, 1, 0.2), trial(1, TrialState.ACTIVE, 1), paused(2, 1, 0.5));

        assertEquals(new Suggestion.Wait(), asha.next(history));
    }

    @Test
    void theEndFinishesEveryPausedTrialWithItsRankThenIsDone() {
        Asha asha = new Asha(NUMBERED, 1, 9, 3, 4, Direction.MAXIMIZE);
        List<TrialRecord> history = new ArrayList<>(List.of(
                trial(0, TrialState.FINISHED, 9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9),
                paused(1, 3, 0.5, 0.6, 0.7), paused(2, 1, 0.4), paused(3, 1, 0.3)));

        List<Suggestion> answers = new ArrayList<>();
        Suggestion answer = asha.next(history);
        while (!(answer instanceof Suggestion.Done)) {
            answers.add(answer);
            StudySimulation.apply(history, answer);
            answer = asha.next(history);
        }

        assertEquals(List.of(
                new Suggestion.Finish(1, "not promoted from rung 1 (epoch 3) before the study ended: "
                        + "0.7000 at epoch 3, rank 2 of 2; top 0 promotable"),
                new Suggestion.Finish(2, "not promoted from rung 0 (epoch 1) before the study ended: "
                        + "0.4000 at epoch 1, rank 3 of 4; top 1 promotable"),
                new Suggestion.Finish(3, "not promoted from rung 0 (epoch 1) before the study ended: "
                        + "0.3000 at epoch 1, rank 4 of 4; top 1 promotable")), answers);
    }

    @Test
    void neverWaitsWhileATrialCanBeStartedOrPromoted() {
        SearchSpace space = new SearchSpace(List.of(new FloatParameter("x", 0, 1, null, Sampling.LINEAR)));
        int maxTrials = 40;
        Asha asha = new Asha(new RandomSampler(space, 3), 1, 27, 3, maxTrials, Direction.MAXIMIZE);
        List<String> idle = new ArrayList<>();

        StudySimulation study = new StudySimulation(asha, 4, 27,
                (params, epoch) -> (Double) params.get("x") * epoch / (epoch + 3.0)).observing((seen, answer) -> {
                    if (answer instanceof Suggestion.Wait && (seen.size() < maxTrials || anyPromotable(seen))) {
                        idle.add("waited with " + seen.size() + " trials");
                    }
                    assertEquals(answer, new Asha(new RandomSampler(space, 3), 1, 27, 3, maxTrials,
                            Direction.MAXIMIZE).next(seen), "same history, same answer");
                }).runToEnd();

        assertEquals(List.of(), idle);
        assertEquals(maxTrials, study.answers(Suggestion.Run.class).size());
        assertInstanceOf(Suggestion.Done.class, study.answers().get(study.answers().size() - 1));
    }

    @Test
    void decidesAsSortingEveryRungWouldOnRandomHistories() {
        SplittableRandom random = new SplittableRandom(11);
        Double[] objectives = {0.1, 0.2, 0.2, 0.3, null, Double.NaN};
        for (int round = 0; round < 2_000; round++) {
            Direction direction = random.nextBoolean() ? Direction.MAXIMIZE : Direction.MINIMIZE;
            List<TrialRecord> history = new ArrayList<>();
            for (int n = random.nextInt(1, 40); history.size() < n; ) {
                int target = List.of(1, 3, 9).get(random.nextInt(3));
                TrialState state = TrialState.values()[random.nextInt(3)];
                int run = state == TrialState.PAUSED ? target
                        : state == TrialState.ACTIVE ? random.nextInt(target) : random.nextInt(target + 1);
                Double[] curve = new Double[run];
                for (int e = 0; e < run; e++) {
                    curve[e] = objectives[random.nextInt(objectives.length)];
                }
                history.add(trial(history.size(), state, target, curve));
            }
            Asha asha = new Asha(NUMBERED, 1, 9, 3, history.size(), direction);

            assertEquals(bySortedRankings(history, direction), asha.next(history), "history " + history);
        }
    }

    /** What ASHA answers once maxTrials exist, with every rung sorted in full by {@link RungRanking}. */
    private static Suggestion bySortedRankings(List<TrialRecord> history, Direction direction) {
        List<Integer> rungs = List.of(1, 3, 9);
        for (int rung = 1; rung >= 0; rung--) {
            int epoch = rungs.get(rung);
            RungRanking ranking = new RungRanking(history.stream().filter(t -> t.epochsRun() >= epoch).toList(),
                    epoch, direction);
            List<TrialRecord> top = ranking.top(ranking.size() / 3);
            for (TrialRecord trial : top) {
                if (trial.state() == TrialState.PAUSED && trial.targetEpoch() == epoch) {
                    return new Suggestion.Resume(trial.number(), rungs.get(rung + 1), "promoted to rung "
                            + (rung + 1) + " (epoch " + rungs.get(rung + 1) + "): " + ranking.describe(trial)
                            + ", top " + top.size() + " promotable");
                }
            }
        }
        if (history.stream().anyMatch(t -> t.state() == TrialState.ACTIVE)) {
            return new Suggestion.Wait();
        }
        return history.stream().filter(t -> t.state() == TrialState.PAUSED).findFirst().<Suggestion>map(t -> {
            int rung = rungs.indexOf(t.targetEpoch());
            RungRanking ranking = new RungRanking(history.stream().filter(o -> o.epochsRun() >= t.targetEpoch())
                    .toList(), t.targetEpoch(), direction);
            return new Suggestion.Finish(t.number(), "not promoted from rung " + rung + " (epoch " + t.targetEpoch()
                    + ") before the study ended: " + ranking.describe(t) + "; top " + ranking.size() / 3
                    + " promotable");
        }).orElseGet(Suggestion.Done::new);
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of((Supplier<?>) () -> new Asha(NUMBERED, 0, 9, 3, 10, Direction.MAXIMIZE),
                        "minEpochs must be >= 1, was 0"),
                Arguments.of((Supplier<?>) () -> new Asha(NUMBERED, 3, 2, 3, 10, Direction.MAXIMIZE),
                        "maxEpochs must be >= minEpochs (3), was 2"),
                Arguments.of((Supplier<?>) () -> new Asha(NUMBERED, 1, 9, 1, 10, Direction.MAXIMIZE),
                        "factor must be >= 2, was 1"),
                Arguments.of((Supplier<?>) () -> new Asha(NUMBERED, 1, 9, 3, 0, Direction.MAXIMIZE),
                        "maxTrials must be >= 1, was 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSettings")
    void badSettingsAreRefusedNamingTheValue(Supplier<?> create, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, create::get).getMessage());
    }

    /**
     * Written independently of {@link Asha}: a paused trial is promotable when it ranks within the top ⌊m / 3⌋ of
     * the m trials that reached its epoch (rungs 1, 3, 9 below the maximum of 27).
     */
    private static boolean anyPromotable(List<TrialRecord> trials) {
        for (TrialRecord trial : trials) {
            int epoch = trial.targetEpoch();
            if (trial.state() != TrialState.PAUSED || epoch >= 27) {
                continue;
            }
            List<TrialRecord> reached = trials.stream().filter(t -> t.epochsRun() >= epoch).toList();
            long better = reached.stream().filter(t -> t.objectiveAt(epoch) > trial.objectiveAt(epoch)
                    || (t.objectiveAt(epoch).equals(trial.objectiveAt(epoch)) && t.number() < trial.number())).count();
            if (better + 1 <= reached.size() / 3) {
                return true;
            }
        }
        return false;
    }

    /** Asks and applies answers up to and including the first Run. */
    private static List<Suggestion> playUntilRun(SearchAlgorithm algorithm, List<TrialRecord> history) {
        List<Suggestion> answers = new ArrayList<>();
        Suggestion answer;
        do {
            answer = algorithm.next(List.copyOf(history));
            answers.add(answer);
            StudySimulation.apply(history, answer);
        } while (!(answer instanceof Suggestion.Run) && answers.size() < 100);
        return answers;
    }

    private static TrialRecord paused(int number, int targetEpoch, Double... objectives) {
        return trial(number, TrialState.PAUSED, targetEpoch, objectives);
    }

    private static TrialRecord trial(int number, TrialState state, int targetEpoch, Double... objectives) {
        return new TrialRecord(number, Map.of("x", number), state, 0, targetEpoch, Arrays.asList(objectives));
    }
}
