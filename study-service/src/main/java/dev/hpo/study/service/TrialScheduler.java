package dev.hpo.study.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.ModelSpec;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.Study;
import dev.hpo.study.StudyStatus;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.Suggestion;
import dev.hpo.study.algorithm.TrialRecord;
import dev.hpo.study.algorithm.TrialState;
import dev.hpo.study.repository.TrialRepository;
import dev.hpo.study.spec.StudySpec;
import dev.hpo.study.spec.StudySpecReader;
import dev.hpo.study.spec.ValidStudy;
import io.smallrye.mutiny.Uni;

/**
 * Asks a study's algorithm for new trials until {@code parallelism} trials are in flight, and completes the study
 * when the algorithm is done and nothing runs. Must run inside a transaction; returns the requests to publish
 * once it commits.
 */
@ApplicationScoped
public class TrialScheduler {

    private final TrialRepository trials;

    public TrialScheduler(TrialRepository trials) {
        this.trials = trials;
    }

    public Uni<List<TrialRequest>> schedule(Study study) {
        if (study.status != StudyStatus.RUNNING) {
            return Uni.createFrom().item(List.of());
        }
        return trials.listByStudy(study.id).chain(existing -> {
            ValidStudy valid = StudySpecReader.read(study.spec);
            SearchAlgorithm algorithm = valid.algorithm();
            List<TrialRecord> history = new ArrayList<>(existing.stream().map(TrialScheduler::record).toList());
            long inFlight = existing.stream().filter(t -> !t.status.finished()).count();
            List<Trial> created = new ArrayList<>();
            boolean done = false;
            while (inFlight < study.parallelism) {
                Suggestion next = algorithm.next(history);
                if (next instanceof Suggestion.Run run) {
                    Trial trial = newTrial(study, history.size(), run);
                    created.add(trial);
                    history.add(record(trial));
                    inFlight++;
                } else {
                    done = next instanceof Suggestion.Done;
                    break;
                }
            }
            if (done && inFlight == 0) {
                study.status = StudyStatus.COMPLETED;
                study.completedAt = Instant.now();
            }
            List<TrialRequest> requests = created.stream().map(t -> request(t, valid.spec(), study.seed)).toList();
            return created.isEmpty()
                    ? Uni.createFrom().item(requests)
                    : trials.persist(created).replaceWith(requests);
        });
    }

    private static Trial newTrial(Study study, int number, Suggestion.Run run) {
        Trial trial = new Trial();
        trial.id = UUID.randomUUID();
        trial.studyId = study.id;
        trial.number = number;
        trial.params = ParamsJson.write(run.params());
        trial.status = TrialStatus.QUEUED;
        trial.attempt = 1;
        trial.targetEpoch = run.targetEpoch();
        trial.createdAt = Instant.now();
        return trial;
    }

    private static TrialRecord record(Trial trial) {
        return new TrialRecord(trial.number, ParamsJson.readParams(trial.params),
                trial.status.finished() ? TrialState.FINISHED : TrialState.ACTIVE, 0, trial.targetEpoch, List.of());
    }

    static TrialRequest request(Trial trial, StudySpec spec, long studySeed) {
        return new TrialRequest(trial.id.toString(), trial.attempt, trial.studyId.toString(),
                ParamsJson.readParams(trial.params), new ModelSpec(spec.model().builder()),
                new DatasetSpec(spec.dataset().name(), spec.dataset().trainLimit()), trial.epochsRun,
                trial.targetEpoch, null, studySeed + trial.number);
    }
}
