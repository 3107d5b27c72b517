package dev.hpo.study.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.hpo.protocol.StudyEvent;
import dev.hpo.protocol.TrialControl;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.study.Study;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.algorithm.StopDecision;
import dev.hpo.study.algorithm.StoppingRule;
import dev.hpo.study.algorithm.TrialRecord;
import dev.hpo.study.messaging.Publisher;
import dev.hpo.study.repository.StudyRepository;
import dev.hpo.study.repository.TrialMetricRepository;
import dev.hpo.study.repository.TrialRepository;
import dev.hpo.study.repository.TrialTransitionRepository;
import dev.hpo.study.spec.EarlyStoppingRules;
import dev.hpo.study.spec.StudySpecReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies what runners report to the stored trials, and takes the decisions that follow: early stops, and the
 * study's next trials. Idempotent: an event for an attempt that is no longer current, for a finished trial, or for
 * an epoch already stored changes nothing, so Kafka redelivery is harmless.
 */
@ApplicationScoped
public class TrialEventService {

    private static final Logger LOG = Logger.getLogger(TrialEventService.class);
    private static final Uni<Void> NOTHING = Uni.createFrom().voidItem();

    private final StudyRepository studies;
    private final TrialRepository trials;
    private final TrialMetricRepository metrics;
    private final TrialTransitionRepository transitions;
    private final TrialScheduler scheduler;
    private final TrialRequeue requeue;
    private final Publisher publisher;

    public TrialEventService(StudyRepository studies, TrialRepository trials, TrialMetricRepository metrics,
            TrialTransitionRepository transitions, TrialScheduler scheduler, TrialRequeue requeue,
            Publisher publisher) {
        this.studies = studies;
        this.trials = trials;
        this.metrics = metrics;
        this.transitions = transitions;
        this.scheduler = scheduler;
        this.requeue = requeue;
        this.publisher = publisher;
    }

    public Uni<Void> handle(TrialEvent event) {
        UUID trialId = UUID.fromString(event.trialId());
        Changes changes = new Changes();
        return Panache.withTransaction(() -> trials.findById(trialId)
                        .chain(trial -> apply(trial, event, changes))
                        .chain(() -> transitions.persistAll(changes.transitions()))
                        .chain(() -> publisher.store(changes)))
                // a heartbeat stores nothing to publish: no relay round trip to the database for it
                .chain(() -> changes.hasMessages() ? publisher.relay() : Uni.createFrom().voidItem());
    }

    private Uni<Void> apply(Trial trial, TrialEvent event, Changes changes) {
        if (trial == null) {
            LOG.warnf("ignoring %s for unknown trial %s", event.getClass().getSimpleName(), event.trialId());
            return NOTHING;
        }
        if (event.attempt() != trial.attempt || trial.status.finished()) {
            LOG.debugf("ignoring %s for trial %s attempt %d: current attempt %d, status %s",
                    event.getClass().getSimpleName(), trial.id, event.attempt(), trial.attempt, trial.status);
            return NOTHING;
        }
        trial.lastSeenAt = Instant.now();
        if (event instanceof TrialEvent.Started started) {
            return started(trial, started, changes);
        }
        if (event instanceof TrialEvent.EpochCompleted epoch) {
            return epochCompleted(trial, epoch, changes);
        }
        if (event instanceof TrialEvent.Checkpointed checkpointed) {
            if (trial.checkpointEpoch == null || checkpointed.epoch() >= trial.checkpointEpoch) {
                trial.checkpoint = checkpointed.checkpoint();
                trial.checkpointEpoch = checkpointed.epoch();
            }
            return NOTHING;
        }
        if (event instanceof TrialEvent.Completed completed) {
            return completed(trial, completed, changes);
        }
        if (event instanceof TrialEvent.Failed failed) {
            changes.move(trial, TrialStatus.FAILED, "failed on " + failed.runnerId() + ": " + failed.reason());
            return scheduleNext(trial, changes);
        }
        if (event instanceof TrialEvent.Stopped stopped && trial.status.inFlight()) {
            // a stop this service did not decide (the runner is shutting down): another runner takes over
            return studies.findById(trial.studyId).chain(study -> {
                String why = stopped.runnerId() + " stopped after epoch " + stopped.epochs() + ": " + stopped.reason();
                if (requeue.requeue(study, trial, why, changes)) {
                    return NOTHING;
                }
                return scheduler.schedule(study, changes);
            });
        }
        return NOTHING; // a heartbeat renews the lease, which lastSeenAt above has done
    }

    private Uni<Void> started(Trial trial, TrialEvent.Started event, Changes changes) {
        trial.runnerId = event.runnerId();
        if (trial.startedAt == null) {
            trial.startedAt = Instant.now();
        }
        if (trial.status == TrialStatus.QUEUED) {
            changes.move(trial, TrialStatus.RUNNING, "started on " + event.runnerId() + " (" + event.device() + ")");
        }
        return NOTHING;
    }

    private Uni<Void> completed(Trial trial, TrialEvent.Completed event, Changes changes) {
        if (event.epochs() != trial.targetEpoch || !trial.status.inFlight()) {
            return NOTHING; // a late duplicate of an earlier request's completion
        }
        return studies.findById(trial.studyId).chain(study -> {
            if (trial.epochsRun >= study.epochs) {
                changes.move(trial, TrialStatus.COMPLETED, "reached epoch " + event.epochs());
            } else {
                changes.move(trial, TrialStatus.PAUSED, "reached epoch " + event.epochs() + " of " + study.epochs
                        + "; waits for the promotion decision");
            }
            return scheduler.schedule(study, changes);
        });
    }

    private Uni<Void> scheduleNext(Trial trial, Changes changes) {
        return studies.findById(trial.studyId).chain(study -> scheduler.schedule(study, changes));
    }

    private Uni<Void> epochCompleted(Trial trial, TrialEvent.EpochCompleted event, Changes changes) {
        return metrics.exists(trial.id, event.attempt(), event.epoch()).chain(stored -> {
            if (stored) {
                return NOTHING;
            }
            return studies.findById(trial.studyId).chain(study -> {
                TrialMetric metric = metric(trial, event, study);
                trial.runnerId = event.runnerId();
                if (trial.status == TrialStatus.QUEUED) {
                    changes.move(trial, TrialStatus.RUNNING, "reporting from " + event.runnerId());
                }
                trial.epochsRun = Math.max(trial.epochsRun, event.epoch());
                if (event.checkpoint() != null
                        && (trial.checkpointEpoch == null || event.epoch() >= trial.checkpointEpoch)) {
                    trial.checkpoint = event.checkpoint();
                    trial.checkpointEpoch = event.epoch();
                }
                if (metric.objective != null && study.isBetter(metric.objective, trial.bestValue)) {
                    trial.bestValue = metric.objective;
                    trial.bestEpoch = event.epoch();
                }
                if (metric.objective != null && study.isBetter(metric.objective, study.bestValue)) {
                    study.bestValue = metric.objective;
                    study.bestTrialId = trial.id;
                }
                changes.event(StudyEvent.EPOCH_REPORTED, study.id.toString(), trial.id.toString(), event.epoch());
                return metrics.persist(metric).chain(() -> earlyStop(study, trial, event.epoch(), changes));
            });
        });
    }

    /** Asks the study's stopping rule about the epoch just stored; a stop prunes the trial and tells its runner. */
    private Uni<Void> earlyStop(Study study, Trial trial, int epoch, Changes changes) {
        Optional<StoppingRule> rule = EarlyStoppingRules.create(StudySpecReader.readStored(study.spec));
        if (rule.isEmpty() || epoch >= trial.targetEpoch) {
            return NOTHING;
        }
        return trials.listByStudy(study.id).chain(all -> metrics.listByStudy(study.id).chain(stored -> {
            StudyHistory history = new StudyHistory(all, stored);
            TrialRecord self = history.records().get(trial.number);
            StopDecision decision = rule.get().decide(self, epoch,
                    history.records().stream().filter(r -> r.number() != trial.number).toList());
            if (!(decision instanceof StopDecision.Stop stop)) {
                return NOTHING;
            }
            Trial managed = history.trial(trial.number);
            changes.move(managed, TrialStatus.PRUNED, stop.rule() + " rule at epoch " + epoch + ": " + stop.reason());
            changes.control(new TrialControl.Stop(managed.id.toString(), managed.attempt, stop.reason()));
            return scheduler.schedule(study, changes);
        }));
    }

    private static TrialMetric metric(Trial trial, TrialEvent.EpochCompleted event, Study study) {
        TrialMetric metric = new TrialMetric();
        metric.trialId = trial.id;
        metric.attempt = event.attempt();
        metric.epoch = event.epoch();
        metric.metrics = ParamsJson.write(event.metrics());
        Double objective = event.metrics().get(study.objectiveMetric);
        metric.objective = objective != null && Double.isFinite(objective) ? objective : null;
        metric.seconds = event.seconds();
        metric.runnerId = event.runnerId();
        metric.recordedAt = Instant.now();
        return metric;
    }
}
