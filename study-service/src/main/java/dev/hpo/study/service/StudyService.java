package dev.hpo.study.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.protocol.StudyEvent;
import dev.hpo.protocol.StudyResult;
import dev.hpo.protocol.TrialControl;
import dev.hpo.study.Study;
import dev.hpo.study.StudyStatus;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.config.StudyServiceConfig;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.TrialTransition;
import dev.hpo.study.messaging.Publisher;
import dev.hpo.study.repository.StudyRepository;
import dev.hpo.study.repository.TrialMetricRepository;
import dev.hpo.study.repository.TrialRepository;
import dev.hpo.study.repository.TrialTransitionRepository;
import dev.hpo.study.spec.StudySpec;
import dev.hpo.study.spec.StudySpecReader;
import dev.hpo.study.spec.ValidStudy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Creates studies and reads them back; owns the transactions around both. */
@ApplicationScoped
public class StudyService {

    private final StudyRepository studies;
    private final TrialRepository trials;
    private final TrialMetricRepository metrics;
    private final TrialScheduler scheduler;
    private final Publisher publisher;
    private final TrialTransitionRepository transitions;
    private final StudyServiceConfig config;

    public StudyService(StudyRepository studies, TrialRepository trials, TrialMetricRepository metrics,
            TrialTransitionRepository transitions, TrialScheduler scheduler, Publisher publisher,
            StudyServiceConfig config) {
        this.config = config;
        this.studies = studies;
        this.trials = trials;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.transitions = transitions;
    }

    /** Stores the study and its first trials, then publishes their requests. */
    public Uni<Study> create(ValidStudy valid) {
        return create(valid, null);
    }

    /**
     * A study submitted on Kafka: the same {@code submissionId} twice creates one study; either way the
     * submitter gets {@code Accepted} with the study's id.
     */
    public Uni<Study> submit(ValidStudy valid, String submissionId) {
        return Panache.withSession(() -> studies.find("submissionId", submissionId).firstResult())
                .chain(existing -> {
                    if (existing == null) {
                        return create(valid, submissionId);
                    }
                    Changes changes = new Changes();
                    changes.result(new StudyResult.Accepted(submissionId, existing.id.toString()));
                    return Panache.withTransaction(() -> publisher.store(changes)).call(publisher::relay)
                            .replaceWith(existing);
                });
    }

    private Uni<Study> create(ValidStudy valid, String submissionId) {
        Study study = newStudy(valid);
        study.submissionId = submissionId;
        Changes changes = new Changes();
        changes.event(StudyEvent.STUDY_CREATED, study.id.toString(), null, null);
        if (submissionId != null) {
            changes.result(new StudyResult.Accepted(submissionId, study.id.toString()));
        }
        return Panache.withTransaction(() -> studies.count("status", StudyStatus.RUNNING)
                        .invoke(running -> {
                            if (running >= config.maxRunningStudies()) {
                                throw new StudyConflictException(429, running + " studies are running, the most "
                                        + "this service takes (hpo.study.max-running-studies); wait or cancel one");
                            }
                        })
                        .chain(() -> studies.persist(study))
                        .chain(() -> scheduler.schedule(study, changes))
                        .chain(() -> transitions.persistAll(changes.transitions()))
                        .chain(() -> publisher.store(changes)))
                .call(publisher::relay)
                .replaceWith(study);
    }

    private static Study newStudy(ValidStudy valid) {
        StudySpec spec = valid.spec();
        Study study = new Study();
        study.id = UUID.randomUUID();
        study.name = spec.name();
        study.status = StudyStatus.RUNNING;
        study.algorithm = spec.algorithm().type();
        study.objectiveMetric = spec.objective().metric();
        study.direction = spec.objective().direction();
        study.maxTrials = spec.maxTrials();
        study.parallelism = spec.parallelism();
        study.epochs = spec.epochs();
        study.seed = valid.seed();
        study.spec = StudySpecReader.write(spec);
        study.createdAt = Instant.now();
        return study;
    }

    /**
     * Ends a running study: trials in flight are pruned and their runners told to stop, paused ones finished.
     */
    public Uni<Study> cancel(UUID id) {
        Changes changes = new Changes();
        return Panache.withTransaction(() -> studies.findById(id).chain(study -> {
                    if (study == null) {
                        return Uni.createFrom().<Study>nullItem();
                    }
                    if (study.status != StudyStatus.RUNNING) {
                        throw new StudyConflictException(409, "study " + id + " is " + study.status
                                + "; only a running study can be cancelled");
                    }
                    return trials.listByStudy(id).invoke(all -> {
                        for (Trial t : all) {
                            if (t.status.inFlight()) {
                                changes.move(t, TrialStatus.PRUNED, "study cancelled");
                                changes.control(new TrialControl.Stop(t.id.toString(), t.attempt, "study cancelled"));
                            } else if (t.status == TrialStatus.PAUSED) {
                                changes.move(t, TrialStatus.COMPLETED, "study cancelled");
                            }
                        }
                        study.status = StudyStatus.CANCELLED;
                        study.completedAt = Instant.now();
                        if (study.submissionId != null) {
                            changes.result(new StudyResult.Cancelled(study.submissionId, id.toString(),
                                    "cancelled through the API"));
                        }
                        changes.event(StudyEvent.STUDY_COMPLETED, id.toString(), null, null);
                    }).chain(() -> transitions.persistAll(changes.transitions()))
                            .chain(() -> publisher.store(changes))
                            .replaceWith(study);
                }))
                .call(publisher::relay);
    }

    @WithSession
    public Uni<List<Study>> list() {
        return studies.listNewestFirst();
    }

    @WithSession
    public Uni<Study> find(UUID id) {
        return studies.findById(id);
    }

    @WithSession
    public Uni<List<Trial>> trials(UUID studyId) {
        return trials.listByStudy(studyId);
    }

    @WithSession
    public Uni<List<TrialMetric>> metrics(UUID studyId) {
        return metrics.listByStudy(studyId);
    }

    @WithSession
    public Uni<Long> epochsTrained(UUID studyId) {
        return metrics.countByStudy(studyId);
    }

    @WithSession
    public Uni<List<TrialTransition>> transitions(UUID studyId) {
        return transitions.listByStudy(studyId);
    }
}
