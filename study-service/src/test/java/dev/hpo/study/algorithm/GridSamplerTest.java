package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class GridSamplerTest {

    private static final SearchSpace UNITS_BY_RATE = new SearchSpace(List.of(
            new IntParameter("units", 32, 96, 32, Sampling.LINEAR),
            new ChoiceParameter("learning_rate", List.of(1e-2, 1e-3))));

    @Test
    void proposesConfigurationsInDeclarationOrderWithTheLastParameterFastest() {
        GridSampler grid = new GridSampler(UNITS_BY_RATE);

        assertEquals(6, grid.size());
        assertEquals(List.of(
                Map.of("units", 32, "learning_rate", 1e-2), Map.of("units", 32, "learning_rate", 1e-3),
                Map.of("units", 64, "learning_rate", 1e-2), Map.of("units", 64, "learning_rate", 1e-3),
                Map.of("units", 96, "learning_rate", 1e-2), Map.of("units", 96, "learning_rate", 1e-3)),
                runToTheEnd(grid));
    }

    @Test
    void conditionalParametersAppearOnlyWhereTheirConditionHolds() {
        SearchSpace space = new SearchSpace(List.of(
                new ChoiceParameter("optimizer", List.of("adam", "sgd")),
                new FloatParameter("momentum", 0.8, 0.9, null, Sampling.LINEAR, 2)),
                Map.of("momentum", new Condition("optimizer", List.of("sgd"))));

        assertEquals(List.of(
                Map.of("optimizer", "adam"),
                Map.of("optimizer", "sgd", "momentum", 0.8),
                Map.of("optimizer", "sgd", "momentum", 0.9)),
                runToTheEnd(new GridSampler(space)));
    }

    @Test
    void hasNothingLeftOnceEveryConfigurationHasBeenTried() {
        GridSampler grid = new GridSampler(UNITS_BY_RATE);
        List<TrialRecord> history = new ArrayList<>();
        runToTheEnd(grid).forEach(config -> history.add(TrialRecord.started(history.size(), config, 0, 1)));

        assertEquals(Optional.empty(), grid.sample(history.size(), history));
        assertEquals(Optional.empty(), grid.sample(history.size() + 5, history), "whatever the trial number");
    }

    @Test
    void aRestartFillsTheFirstGapAndNeverRepeatsAConfiguration() {
        GridSampler grid = new GridSampler(UNITS_BY_RATE);
        List<Map<String, Object>> all = runToTheEnd(grid);
        // Configuration 1 never got stored (a failed insert); trial numbers have a gap too.
        List<TrialRecord> stored = new ArrayList<>(List.of(
                TrialRecord.started(0, all.get(0), 0, 1),
                TrialRecord.started(2, all.get(2), 0, 1),
                TrialRecord.started(3, all.get(3), 0, 1)));

        GridSampler restarted = new GridSampler(UNITS_BY_RATE);
        Map<String, Object> next = restarted.sample(4, stored).orElseThrow();
        assertEquals(all.get(1), next);

        stored.add(TrialRecord.started(4, next, 0, 1));
        assertEquals(all.get(4), restarted.sample(5, stored).orElseThrow());
    }

    @Test
    void recognisesTriedConfigurationsWhateverNumberTypeStorageReturned() {
        GridSampler grid = new GridSampler(UNITS_BY_RATE);
        List<TrialRecord> stored = List.of(
                TrialRecord.started(0, Map.of("units", 32L, "learning_rate", 0.01), 0, 1),
                TrialRecord.started(1, Map.of("units", 32.0, "learning_rate", 0.001), 0, 1));

        assertEquals(Map.of("units", 64, "learning_rate", 1e-2), grid.sample(2, stored).orElseThrow());
    }

    @Test
    void everyProposalIsDistinctAndInsideTheSpace() {
        SearchSpace space = new SearchSpace(List.of(
                new FloatParameter("learning_rate", 1e-4, 1e-1, 10.0, Sampling.LOG),
                new BooleanParameter("batch_norm"),
                new FixedParameter("epochs", 5)));
        List<Map<String, Object>> all = runToTheEnd(new GridSampler(space));

        assertEquals(8, all.size());
        assertEquals(8, new HashSet<>(all).size());
        all.forEach(config -> assertTrue(space.contains(config), "outside the space: " + config));
    }

    @Test
    void aContinuousParameterIsNamedWithHowToMakeItGriddable() {
        SearchSpace space = new SearchSpace(List.of(
                new IntParameter("units", 32, 512, 32, Sampling.LINEAR),
                new FloatParameter("learning_rate", 1e-5, 1e-1, null, Sampling.LOG)));

        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new GridSampler(space));
        assertEquals("space", e.field());
        assertEquals("learning_rate is continuous: give it a step or a samples count for grid search",
                e.getMessage());
    }

    @Test
    void anIntWithTooManyValuesIsNamed() {
        SearchSpace space = new SearchSpace(List.of(new IntParameter("seed", 0, 1_000_000, 1, Sampling.LINEAR)));

        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new GridSampler(space));
        assertEquals("space", e.field());
        assertTrue(e.getMessage().startsWith("seed has too many values"), e.getMessage());
    }

    @Test
    void aGridOverTheEnumerationLimitIsRejected() {
        SearchSpace space = new SearchSpace(List.of(
                new IntParameter("width", 1, 1_000, 1, Sampling.LINEAR),
                new IntParameter("depth", 1, 1_000, 1, Sampling.LINEAR)));

        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new GridSampler(space));
        assertEquals("space", e.field());
        assertTrue(e.getMessage().contains("exceeds 100,000 configurations"), e.getMessage());
    }

    /** Proposals until the grid is exhausted, each stored as a trial before the next is asked for. */
    private static List<Map<String, Object>> runToTheEnd(GridSampler grid) {
        List<TrialRecord> history = new ArrayList<>();
        List<Map<String, Object>> proposals = new ArrayList<>();
        for (Optional<Map<String, Object>> next = grid.sample(0, history); next.isPresent();
                next = grid.sample(history.size(), history)) {
            proposals.add(next.get());
            history.add(TrialRecord.started(history.size(), next.get(), 0, 1));
        }
        return proposals;
    }
}
