package dev.hpo.study.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.hpo.study.service.CheckpointRetention.Action;
import dev.hpo.study.service.CheckpointRetention.Decision;
import dev.hpo.study.service.CheckpointRetention.TrialCheckpoints;

class CheckpointRetentionTest {

    private static final UUID A = id(1);
    private static final UUID B = id(2);
    private static final UUID C = id(3);
    private static final UUID D = id(4);

    @Test
    void keepsTheBestFinishedTrialsFinalCheckpointAndDeletesTheOthers() {
        List<TrialCheckpoints> trials = List.of(finished(A, 0.80), finished(B, 0.90), finished(C, 0.85),
                finished(D, 0.70));

        Map<UUID, Action> actions = actions(CheckpointRetention.plan(trials, true, 2));

        assertEquals(Map.of(B, Action.KEEP_FINAL, C, Action.KEEP_FINAL, A, Action.DELETE_ALL, D, Action.DELETE_ALL),
                actions);
    }

    @Test
    void forALossTheSmallestValuesAreBest() {
        List<TrialCheckpoints> trials = List.of(finished(A, 0.30), finished(B, 0.25), finished(C, 0.40));

        assertEquals(Map.of(B, Action.KEEP_FINAL, A, Action.DELETE_ALL, C, Action.DELETE_ALL),
                actions(CheckpointRetention.plan(trials, false, 1)));
    }

    @Test
    void trialsThatMayStillTrainKeepEverythingAndDoNotTakeAPlace() {
        List<TrialCheckpoints> trials = List.of(
                new TrialCheckpoints(A, false, 0.99, "s/a/epoch-0002.ckpt", null),
                finished(B, 0.80), finished(C, 0.70));

        assertEquals(Map.of(B, Action.KEEP_FINAL, C, Action.DELETE_ALL),
                actions(CheckpointRetention.plan(trials, true, 1)));
    }

    @Test
    void aKeptTrialPushedOutByABetterOneIsDeletedAndSettledTrialsAreLeftAlone() {
        List<TrialCheckpoints> trials = List.of(
                new TrialCheckpoints(A, true, 0.80, "s/a/epoch-0010.ckpt", Action.KEEP_FINAL),
                new TrialCheckpoints(B, true, 0.70, "s/b/epoch-0010.ckpt", Action.DELETE_ALL),
                finished(C, 0.90));

        assertEquals(Map.of(A, Action.DELETE_ALL, C, Action.KEEP_FINAL),
                actions(CheckpointRetention.plan(trials, true, 1)));
        assertEquals(List.of(), CheckpointRetention.plan(List.of(
                new TrialCheckpoints(A, true, 0.80, "s/a/epoch-0010.ckpt", Action.KEEP_FINAL)), true, 1));
    }

    @Test
    void aFinishedTrialWithoutValueOrCheckpointIsDeletedAndKeepingNoneDeletesAll() {
        List<TrialCheckpoints> trials = List.of(finished(A, 0.9),
                new TrialCheckpoints(B, true, null, "s/b/epoch-0001.ckpt", null),
                new TrialCheckpoints(C, true, 0.95, null, null));

        assertEquals(Map.of(A, Action.KEEP_FINAL, B, Action.DELETE_ALL, C, Action.DELETE_ALL),
                actions(CheckpointRetention.plan(trials, true, 5)));
        assertEquals(Map.of(A, Action.DELETE_ALL, B, Action.DELETE_ALL, C, Action.DELETE_ALL),
                actions(CheckpointRetention.plan(trials, true, 0)));
    }

    @Test
    void aNegativeNumberToKeepIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CheckpointRetention.plan(List.of(), true, -1));
    }

    private static TrialCheckpoints finished(UUID id, double value) {
        return new TrialCheckpoints(id, true, value, "s/" + id + "/epoch-0010.ckpt", null);
    }

    private static Map<UUID, Action> actions(List<Decision> decisions) {
        return decisions.stream().collect(Collectors.toMap(Decision::trialId, Decision::action));
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }
}
