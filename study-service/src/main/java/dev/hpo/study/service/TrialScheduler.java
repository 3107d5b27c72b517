package dev.hpo.study.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.ModelSpec;
import dev.hpo.protocol.StudyEvent;
import dev.hpo.protocol.StudyResult;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.Study;
import dev.hpo.study.StudyStatus;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.algorithm.SearchAlgorithm;
import dev.hpo.study.algorithm.Suggestion;
import dev.hpo.study.repository.TrialMetricRepository;
import dev.hpo.study.repository.TrialRepository;
import dev.hpo.study.spec.StudySpec;
import dev.hpo.study.spec.StudySpecReader;
import dev.hpo.study.spec.ValidStudy;
import io.smallrye.mutiny.Uni;

/**
 * Asks a study's algorithm what to do until {@code parallelism} trials are in flight, applies each answer (new
 * trials, promotions, trials not promoted), and completes the study when the algorithm is done and nothing is in
 * flight. Must run inside a transaction; the requests to publish go into {@link Changes}.
 */
@ApplicationScoped
public class TrialScheduler {

    /** More decisions than this in one round means an algorithm that does not converge: a bug, not a study. */
    private static final int ROUND_LIMIT = 100_000;

    private final TrialRepository trials;
    private final TrialMetricRepository metrics;

    public TrialScheduler(TrialRepository trials, TrialMetricRepository metrics) {
        this.trials = trials;
        this.metrics = metrics;
    }

    public Uni<Void> schedule(Study study, Changes changes) {
        if (study.status != StudyStatus.RUNNING) {
            return Uni.createFrom().voidItem();
        }
        return history(study.id).chain(history -> decide(study, history, changes));
    }

    /**
     * The same with the study's history at hand, as this transaction has changed it; the decisions are added to
     * it too.
     */
    public Uni<Void> schedule(Study study, StudyHistory history, Changes changes) {
        if (study.status != StudyStatus.RUNNING) {
            return Uni.createFrom().voidItem();
        }
        return decide(study, history, changes);
    }

    /** The study's trials and the objectives of their stored epochs, read in this transaction. */
    public Uni<StudyHistory> history(UUID studyId) {
        return trials.listByStudy(studyId)
                .chain(existing -> metrics.listEpochsByStudy(studyId)
                        .map(stored -> StudyHistory.of(existing, stored)));
    }

    private Uni<Void> decide(Study study, StudyHistory history, Changes changes) {
        ValidStudy valid = StudySpecReader.readStored(study.spec);
        SearchAlgorithm algorithm = history.algorithm(valid::algorithm);
        List<Trial> created = new ArrayList<>();
        boolean done = false;
        for (int round = 0; history.inFlight() < study.parallelism; round++) {
            if (round > ROUND_LIMIT) {
                throw new IllegalStateException("study " + study.id + ": algorithm made no progress");
            }
            Suggestion next = algorithm.next(history.records());
            if (next instanceof Suggestion.Run run) {
                Trial trial = newTrial(study, history.trials().size(), run);
                created.add(trial);
                changes.created(trial, trial.statusReason);
                history.add(trial);
                changes.request(request(trial, valid.spec(), study.seed));
            } else if (next instanceof Suggestion.Resume resume) {
                Trial trial = history.trial(resume.trialNumber());
                requireStatus(trial, TrialStatus.PAUSED, resume);
                trial.targetEpoch = resume.targetEpoch();
                changes.move(trial, TrialStatus.QUEUED, resume.reason());
                history.update(trial);
                changes.request(request(trial, valid.spec(), study.seed));
            } else if (next instanceof Suggestion.Finish finish) {
                Trial trial = history.trial(finish.trialNumber());
                requireStatus(trial, TrialStatus.PAUSED, finish);
                changes.move(trial, TrialStatus.COMPLETED, finish.reason());
                history.update(trial);
            } else {
                done = next instanceof Suggestion.Done;
                break;
            }
        }
        if (done && history.inFlight() == 0) {
            complete(study, history, changes);
        }
        return created.isEmpty() ? Uni.createFrom().voidItem() : trials.persist(created);
    }

    private static void complete(Study study, StudyHistory history, Changes changes) {
        for (Trial trial : history.trials()) {
            if (trial.status == TrialStatus.PAUSED) {
                changes.move(trial, TrialStatus.COMPLETED, "study finished");
            }
        }
        study.status = StudyStatus.COMPLETED;
        study.completedAt = Instant.now();
        changes.event(StudyEvent.STUDY_COMPLETED, study.id.toString(), null, null);
        if (study.submissionId != null) {
            Trial best = history.trials().stream().filter(t -> t.id.equals(study.bestTrialId)).findFirst()
                    .orElse(null);
            long epochs = history.records().stream().mapToLong(r -> r.epochsRun()).sum();
            changes.result(new StudyResult.Completed(study.submissionId, study.id.toString(), study.objectiveMetric,
                    best == null ? null : best.id.toString(), best == null ? null : ParamsJson.readParams(best.params),
                    study.bestValue, history.trials().size(), epochs));
        }
    }

    private static void requireStatus(Trial trial, TrialStatus expected, Suggestion suggestion) {
        if (trial.status != expected) {
            throw new IllegalStateException("algorithm answered " + suggestion + " for trial " + trial.number
                    + ", which is " + trial.status + ", not " + expected);
        }
    }

    private static Trial newTrial(Study study, int number, Suggestion.Run run) {
        Trial trial = new Trial();
        trial.id = UUID.randomUUID();
        trial.studyId = study.id;
        trial.number = number;
        trial.params = ParamsJson.write(run.params());
        trial.status = TrialStatus.QUEUED;
        trial.statusReason = run.reason() != null ? run.reason() : "proposed by " + study.algorithm;
        trial.attempt = 1;
        trial.bracket = run.bracket();
        trial.targetEpoch = run.targetEpoch();
        trial.createdAt = Instant.now();
        return trial;
    }

    /** Everything the study says about its dataset, as the runners read it. */
    static DatasetSpec datasetSpec(StudySpec.Dataset dataset) {
        return new DatasetSpec(dataset.name(), dataset.trainLimit(), dataset.path(), dataset.labelColumn(),
                dataset.featureColumns(), dataset.validationSplit());
    }

    /**
     * A request trains from the trial's last checkpoint when it has one, so a promoted trial continues instead of
     * starting again. A range test's request carries the test and always starts from its first step.
     */
    static TrialRequest request(Trial trial, StudySpec spec, long studySeed) {
        boolean resume = trial.checkpoint != null && trial.checkpointEpoch != null
                && trial.checkpointEpoch < trial.targetEpoch && spec.algorithm().rangeTest() == null;
        return new TrialRequest(trial.id.toString(), trial.attempt, trial.studyId.toString(),
                ParamsJson.readParams(trial.params), new ModelSpec(spec.model().builder()),
                datasetSpec(spec.dataset()),
                resume ? trial.checkpointEpoch : 0, trial.targetEpoch, resume ? trial.checkpoint : null,
                studySeed + trial.number, spec.algorithm().rangeTest());
    }
}
