package dev.hpo.study.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.service.StudyHistory.Epoch;

/** A history kept in step within a transaction must equal the same study read again. */
class StudyHistoryTest {

    private static final UUID STUDY = UUID.randomUUID();

    @Test
    void epochsStoredOneByOneGiveTheRecordsOfAHistoryReadWithThem() {
        List<Trial> trials = List.of(trial(0, TrialStatus.RUNNING), trial(1, TrialStatus.RUNNING),
                trial(2, TrialStatus.RUNNING));
        List<Epoch> before = List.of(epoch(trials.get(0), 1, 1, 0.5), epoch(trials.get(1), 1, 1, 0.4));
        List<Epoch> after = List.of(epoch(trials.get(0), 1, 2, 0.6), epoch(trials.get(2), 1, 1, null),
                epoch(trials.get(2), 1, 3, 0.7), epoch(trials.get(1), 1, 2, 0.45));

        StudyHistory kept = StudyHistory.of(trials, before);
        after.forEach(kept::stored);

        assertEquals(StudyHistory.of(trials, concat(before, after)).records(), kept.records());
        assertEquals(Arrays.asList(null, null, 0.7), kept.records().get(2).objectives());
    }

    @Test
    void anEpochOfALaterAttemptReplacesTheEarlierOnesAndAnEarlierAttemptChangesNothing() {
        List<Trial> trials = List.of(trial(0, TrialStatus.RUNNING));
        StudyHistory kept = StudyHistory.of(trials, List.of(epoch(trials.get(0), 2, 1, 0.5)));

        kept.stored(epoch(trials.get(0), 1, 1, 0.9));
        assertEquals(List.of(0.5), kept.records().get(0).objectives());
        kept.stored(epoch(trials.get(0), 3, 1, 0.6));
        assertEquals(List.of(0.6), kept.records().get(0).objectives());
    }

    @Test
    void aStatusChangeKeepsTheEpochsAndEqualsTheTrialReadAgain() {
        Trial trial = trial(0, TrialStatus.RUNNING);
        List<Epoch> epochs = List.of(epoch(trial, 1, 1, 0.5), epoch(trial, 1, 2, 0.6));
        StudyHistory kept = StudyHistory.of(List.of(trial), epochs);

        trial.status = TrialStatus.PAUSED;
        trial.targetEpoch = 9;
        kept.update(trial);

        assertEquals(StudyHistory.of(List.of(trial), epochs).records(), kept.records());
    }

    @Test
    void historiesReadTogetherEqualEachStudyReadAlone() {
        UUID other = UUID.randomUUID();
        Trial a = trial(0, TrialStatus.RUNNING);
        Trial b = trial(0, TrialStatus.COMPLETED);
        b.studyId = other;
        Trial c = trial(1, TrialStatus.RUNNING);
        List<Epoch> epochs = List.of(epoch(a, 1, 1, 0.1), epoch(b, 1, 1, 0.2), epoch(c, 1, 1, 0.3));

        Map<UUID, StudyHistory> both = StudyHistory.byStudy(List.of(STUDY, other), List.of(a, b, c), epochs);

        assertEquals(StudyHistory.of(List.of(a, c), List.of(epochs.get(0), epochs.get(2))).records(),
                both.get(STUDY).records());
        assertEquals(StudyHistory.of(List.of(b), List.of(epochs.get(1))).records(), both.get(other).records());
    }

    @Test
    void theMetricsAndTheEpochsAloneGiveTheSameRecords() {
        Trial trial = trial(0, TrialStatus.RUNNING);
        TrialMetric metric = new TrialMetric();
        metric.trialId = trial.id;
        metric.attempt = 1;
        metric.epoch = 1;
        metric.objective = 0.8;

        assertEquals(StudyHistory.of(List.of(trial), List.of(epoch(trial, 1, 1, 0.8))).records(),
                new StudyHistory(List.of(trial), List.of(metric)).records());
    }

    @Test
    void anEpochOfAnotherStudysTrialIsRefused() {
        StudyHistory kept = StudyHistory.of(List.of(trial(0, TrialStatus.RUNNING)), List.of());

        assertThrows(IllegalArgumentException.class,
                () -> kept.stored(new Epoch(UUID.randomUUID(), 1, 1, 0.5)));
    }

    private static Trial trial(int number, TrialStatus status) {
        Trial trial = new Trial();
        trial.id = UUID.randomUUID();
        trial.studyId = STUDY;
        trial.number = number;
        trial.params = "{\"units\":" + (32 * (number + 1)) + "}";
        trial.status = status;
        trial.attempt = 1;
        trial.targetEpoch = 3;
        return trial;
    }

    private static Epoch epoch(Trial trial, int attempt, int epoch, Double objective) {
        return new Epoch(trial.id, attempt, epoch, objective);
    }

    private static List<Epoch> concat(List<Epoch> a, List<Epoch> b) {
        List<Epoch> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
