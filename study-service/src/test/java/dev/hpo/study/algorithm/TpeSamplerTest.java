package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TpeSamplerTest {

    /** Every kind of parameter and sampling, with a condition two levels deep. */
    private static final SearchSpace EVERY_KIND = new SearchSpace(List.of(
            new ChoiceParameter("optimizer", List.of("adam", "sgd", "rmsprop")),
            new FloatParameter("momentum", 0.5, 0.999, null, Sampling.LOG1M),
            new BooleanParameter("nesterov"),
            new FloatParameter("dampening", 0.0, 0.5, 0.1, Sampling.LINEAR),
            new FloatParameter("rho", 0.5, 0.99, null, Sampling.REVERSE_LOG),
            new FloatParameter("learning_rate", 1e-5, 1e-1, null, Sampling.LOG),
            new FloatParameter("weight_decay", 1e-6, 1e-2, 10.0, Sampling.LOG),
            new IntParameter("units", 32, 512, 32, Sampling.LINEAR),
            new IntParameter("layers", 1, 16, 2, Sampling.LOG),
            new IntParameter("filters", 1, 64, 2, Sampling.REVERSE_LOG),
            new IntParameter("batch_size", 16, 1024, null, Sampling.LOG),
            new FloatParameter("warmup", 0.0, 1.0, null, Sampling.LINEAR, 5),
            new IntParameter("data_seed", 0, 10_000_000, 1, Sampling.LINEAR),
            new ChoiceParameter("activation", List.of("relu", 3, 0.5, false)),
            new IntParameter("heads", 8, 8, 1, Sampling.LINEAR),
            new FixedParameter("epochs", 10)),
            Map.of("momentum", new Condition("optimizer", List.of("sgd")),
                    "nesterov", new Condition("optimizer", List.of("sgd")),
                    "dampening", new Condition("nesterov", List.of(false)),
                    "rho", new Condition("optimizer", List.of("rmsprop"))));

    /** Any deterministic function of the configuration; some trials report nothing, as failed runs do. */
    private static final ToDoubleFunction<Map<String, Object>> EVERY_KIND_OBJECTIVE = params -> {
        double lr = (Double) params.get("learning_rate");
        double units = (Integer) params.get("units");
        double bonus = "sgd".equals(params.get("optimizer")) ? 0.5 : 0;
        SplittableRandom noise = new SplittableRandom(params.hashCode());
        return noise.nextInt(10) == 0 ? Double.NaN
                : -Math.abs(Math.log10(lr) + 2) - Math.abs(units - 160) / 100 + bonus + noise.nextDouble(0.1);
    };

    /** Best at learning_rate 1e-3 and 256 units: maximize -(log10(lr) + 3)² - ((units - 256) / 256)². */
    private static final SearchSpace UNITS_AND_RATE = new SearchSpace(List.of(
            new IntParameter("units", 32, 512, 32, Sampling.LINEAR),
            new FloatParameter("learning_rate", 1e-5, 1e-1, null, Sampling.LOG)));

    private static final ToDoubleFunction<Map<String, Object>> BOWL = params -> {
        double lr = ((Number) params.get("learning_rate")).doubleValue();
        double units = ((Number) params.get("units")).doubleValue();
        return -Math.pow(Math.log10(lr) + 3, 2) - Math.pow((units - 256) / 256, 2);
    };

    @Test
    void theSameSeedTrialNumberAndHistoryGiveTheSameProposal() {
        List<TrialRecord> history = simulate(new RandomSampler(EVERY_KIND, 3), EVERY_KIND_OBJECTIVE, 30);

        Map<String, Object> first = tpe(EVERY_KIND, 42).sample(30, history).orElseThrow();
        Map<String, Object> afterRestart = tpe(EVERY_KIND, 42).sample(30, history).orElseThrow();
        Map<String, Object> otherSeed = tpe(EVERY_KIND, 43).sample(30, history).orElseThrow();

        assertEquals(first, afterRestart);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void theOrderTheHistoryArrivesInDoesNotMatter() {
        List<TrialRecord> history = simulate(new RandomSampler(EVERY_KIND, 5), EVERY_KIND_OBJECTIVE, 30);
        List<TrialRecord> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(1));

        TpeSampler sampler = tpe(EVERY_KIND, 42);
        assertEquals(sampler.sample(30, history), sampler.sample(30, shuffled));
    }

    @Test
    void untilStartupTrialsHaveAScoreItProposesWhatRandomSearchWould() {
        RandomSampler random = new RandomSampler(UNITS_AND_RATE, 9);
        TpeSampler tpe = tpe(UNITS_AND_RATE, 9);
        List<TrialRecord> history = new ArrayList<>();
        for (int n = 0; n < 15; n++) {
            Map<String, Object> proposal = tpe.sample(n, history).orElseThrow();
            assertEquals(random.sample(n, history).orElseThrow(), proposal, "trial " + n);
            // Only trials 0, 2, 4, ... report: after 15 trials, 8 have a score, fewer than the 10 needed.
            history.add(n % 2 == 0 ? finished(n, proposal, BOWL.applyAsDouble(proposal))
                    : TrialRecord.started(n, proposal, 0, 1));
        }
    }

    @Test
    void takesOverFromRandomSearchOnceStartupTrialsHaveAScore() {
        List<TrialRecord> history = simulate(new RandomSampler(UNITS_AND_RATE, 9), BOWL, 10);

        assertNotEquals(new RandomSampler(UNITS_AND_RATE, 9).sample(10, history),
                tpe(UNITS_AND_RATE, 9).sample(10, history));
    }

    @Test
    void everyProposalIsInsideTheSpaceWithConditionsRespected() {
        for (long seed = 0; seed < 8; seed++) {
            Direction direction = seed % 2 == 0 ? Direction.MAXIMIZE : Direction.MINIMIZE;
            TpeSampler sampler = new TpeSampler(EVERY_KIND, seed, direction, 10, 24);
            for (TrialRecord trial : simulate(sampler, EVERY_KIND_OBJECTIVE, 60)) {
                assertTrue(EVERY_KIND.contains(trial.params()), "seed " + seed + ": " + trial.params());
            }
        }
    }

    @Test
    void findsABetterConfigurationThanTheMedianRandomSearchWithTheSameBudget() {
        double[] tpeBest = new double[20];
        double[] randomBest = new double[20];
        for (int seed = 0; seed < 20; seed++) {
            tpeBest[seed] = best(simulate(tpe(UNITS_AND_RATE, seed), BOWL, 60));
            randomBest[seed] = best(simulate(new RandomSampler(UNITS_AND_RATE, seed), BOWL, 60));
        }
        double randomMedian = median(randomBest);
        long tpeWins = IntStream.range(0, 20).filter(s -> tpeBest[s] > randomMedian).count();

        assertTrue(median(tpeBest) > randomMedian,
                "TPE median best " + median(tpeBest) + " vs random search median best " + randomMedian);
        assertTrue(tpeWins >= 14, "TPE beat random search's median best on only " + tpeWins + " of 20 seeds");
    }

    @Test
    void afterStartupPicksTheBestChoiceFarMoreOftenThanChance() {
        SearchSpace space = new SearchSpace(List.of(
                new ChoiceParameter("activation", List.of("relu", "tanh", "sigmoid", "elu")),
                new FloatParameter("dropout", 0.0, 0.5, null, Sampling.LINEAR)));
        ToDoubleFunction<Map<String, Object>> loss = params -> ("tanh".equals(params.get("activation")) ? 0 : 1)
                + Math.abs((Double) params.get("dropout") - 0.2);
        int tanh = 0;
        int proposals = 0;
        for (long seed = 0; seed < 5; seed++) {
            TpeSampler sampler = new TpeSampler(space, seed, Direction.MINIMIZE, 10, 24);
            List<TrialRecord> history = simulate(sampler, loss, 60);
            for (TrialRecord trial : history.subList(10, 60)) {
                tanh += "tanh".equals(trial.params().get("activation")) ? 1 : 0;
                proposals++;
            }
        }
        // Random search would pick tanh a quarter of the time.
        assertTrue(tanh > 0.6 * proposals, "tanh in " + tanh + " of " + proposals + " proposals after startup");
    }

    @Test
    void neverRepeatsAConfigurationOfAFiniteSpaceAndEndsWhenAllAreTried() {
        SearchSpace space = new SearchSpace(List.of(
                new IntParameter("units", 32, 128, 32, Sampling.LINEAR),
                new ChoiceParameter("optimizer", List.of("adam", "sgd", "rmsprop"))));
        TpeSampler sampler = new TpeSampler(space, 4, Direction.MAXIMIZE, 3, 24);
        ToDoubleFunction<Map<String, Object>> objective = params -> (Integer) params.get("units");

        List<TrialRecord> history = simulate(sampler, objective, 12);

        assertEquals(12, new HashSet<>(history.stream().map(TrialRecord::params).toList()).size());
        assertEquals(Optional.empty(), sampler.sample(12, history));
    }

    @Test
    void rejectsSettingsThatCannotWorkNamingTheValue() {
        IllegalArgumentException noStartup = assertThrows(IllegalArgumentException.class,
                () -> new TpeSampler(UNITS_AND_RATE, 1, Direction.MAXIMIZE, 0, 24));
        IllegalArgumentException noCandidates = assertThrows(IllegalArgumentException.class,
                () -> new TpeSampler(UNITS_AND_RATE, 1, Direction.MAXIMIZE, 10, 0));

        assertEquals("startupTrials must be >= 1, was 0", noStartup.getMessage());
        assertEquals("candidates must be >= 1, was 0", noCandidates.getMessage());
    }

    private static TpeSampler tpe(SearchSpace space, long seed) {
        return new TpeSampler(space, seed, Direction.MAXIMIZE, 10, 24);
    }

    /** Runs trials one after another, each finishing with its objective before the next is proposed. */
    private static List<TrialRecord> simulate(Sampler sampler, ToDoubleFunction<Map<String, Object>> objective,
            int trials) {
        List<TrialRecord> history = new ArrayList<>();
        for (int n = 0; n < trials; n++) {
            Map<String, Object> params = sampler.sample(n, history).orElseThrow();
            history.add(finished(n, params, objective.applyAsDouble(params)));
        }
        return history;
    }

    /** A trial that trained one epoch; a NaN objective is stored as not reported. */
    private static TrialRecord finished(int number, Map<String, Object> params, double objective) {
        return new TrialRecord(number, params, TrialState.FINISHED, 0, 1,
                Arrays.asList(Double.isNaN(objective) ? null : objective));
    }

    private static double best(List<TrialRecord> history) {
        return history.stream().map(t -> t.objectiveAt(1)).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .max().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
