package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RandomSearchTest {

    private static final SearchSpace SPACE = new SearchSpace(List.of(
            new IntParameter("units", 32, 512, 32, Sampling.LINEAR),
            new ChoiceParameter("learning_rate", List.of(1e-2, 1e-3, 1e-4))));

    @Test
    void proposesMaxTrialsConfigurationsThenIsDone() {
        RandomSearch search = new RandomSearch(SPACE, 42, 3, 10);
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Suggestion.Run run = assertInstanceOf(Suggestion.Run.class, search.next(history));
            assertEquals(10, run.targetEpoch());
            assertEquals(List.of("units", "learning_rate"), List.copyOf(run.params().keySet()), "declaration order");
            history.add(new TrialRecord(i, run.params(), true, 0.5));
        }
        assertInstanceOf(Suggestion.Done.class, search.next(history));
    }

    @Test
    void theNthProposalDependsOnlyOnSeedAndPosition() {
        List<Map<String, Object>> first = proposals(new RandomSearch(SPACE, 42, 5, 10), 5);
        List<Map<String, Object>> again = proposals(new RandomSearch(SPACE, 42, 5, 10), 5);
        List<Map<String, Object>> otherSeed = proposals(new RandomSearch(SPACE, 43, 5, 10), 5);

        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void aRestartedSearchContinuesWithTheSameNextProposal() {
        List<Map<String, Object>> uninterrupted = proposals(new RandomSearch(SPACE, 7, 4, 2), 4);
        List<TrialRecord> stored = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            stored.add(new TrialRecord(i, uninterrupted.get(i), false, null));
        }
        Suggestion.Run third = assertInstanceOf(Suggestion.Run.class, new RandomSearch(SPACE, 7, 4, 2).next(stored));
        assertEquals(uninterrupted.get(2), third.params());
    }

    private static List<Map<String, Object>> proposals(RandomSearch search, int n) {
        List<TrialRecord> history = new ArrayList<>();
        List<Map<String, Object>> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Suggestion.Run run = (Suggestion.Run) search.next(history);
            params.add(run.params());
            history.add(new TrialRecord(i, run.params(), false, null));
        }
        return params;
    }
}
