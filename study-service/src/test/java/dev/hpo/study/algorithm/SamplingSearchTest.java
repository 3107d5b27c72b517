package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SamplingSearchTest {

    private static final SearchSpace SPACE = new SearchSpace(List.of(
            new IntParameter("units", 32, 512, 32, Sampling.LINEAR),
            new ChoiceParameter("learning_rate", List.of(1e-2, 1e-3, 1e-4))));

    @Test
    void proposesMaxTrialsConfigurationsThenIsDone() {
        SearchAlgorithm search = search(42, 3, 10);
        List<TrialRecord> history = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Suggestion.Run run = assertInstanceOf(Suggestion.Run.class, search.next(history));
            assertEquals(10, run.targetEpoch());
            assertEquals(List.of("units", "learning_rate"), List.copyOf(run.params().keySet()), "declaration order");
            history.add(TrialRecord.started(i, run.params(), 0, 10).withState(TrialState.FINISHED));
        }
        assertInstanceOf(Suggestion.Done.class, search.next(history));
    }

    @Test
    void theNthProposalDependsOnlyOnSeedAndPosition() {
        List<Map<String, Object>> first = proposals(search(42, 5, 10), 5);
        List<Map<String, Object>> again = proposals(search(42, 5, 10), 5);
        List<Map<String, Object>> otherSeed = proposals(search(43, 5, 10), 5);

        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void aRestartedSearchContinuesWithTheSameNextProposal() {
        List<Map<String, Object>> uninterrupted = proposals(search(7, 4, 2), 4);
        List<TrialRecord> stored = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            stored.add(TrialRecord.started(i, uninterrupted.get(i), 0, 2));
        }
        Suggestion.Run third = assertInstanceOf(Suggestion.Run.class, search(7, 4, 2).next(stored));
        assertEquals(uninterrupted.get(2), third.params());
    }

    @Test
    void aFiniteSpaceIsNeverSampledTwiceAndEndsWhenExhausted() {
        SearchSpace small = new SearchSpace(List.of(new IntParameter("units", 32, 96, 32),
                new ChoiceParameter("learning_rate", List.of(1e-2, 1e-3))));
        SearchAlgorithm search = new SamplingSearch(new RandomSampler(small, 5), 100, 1);
        List<Map<String, Object>> seen = proposals(search, 6);

        assertEquals(6, new java.util.HashSet<>(seen).size());
        List<TrialRecord> all = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            all.add(TrialRecord.started(i, seen.get(i), 0, 1));
        }
        assertInstanceOf(Suggestion.Done.class, search.next(all));
    }

    private static SearchAlgorithm search(long seed, int maxTrials, int epochs) {
        return new SamplingSearch(new RandomSampler(SPACE, seed), maxTrials, epochs);
    }

    private static List<Map<String, Object>> proposals(SearchAlgorithm search, int n) {
        List<TrialRecord> history = new ArrayList<>();
        List<Map<String, Object>> params = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Suggestion.Run run = (Suggestion.Run) search.next(history);
            params.add(run.params());
            history.add(TrialRecord.started(i, run.params(), 0, 10));
        }
        return params;
    }
}
