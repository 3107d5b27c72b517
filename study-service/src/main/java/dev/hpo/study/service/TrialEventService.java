package dev.hpo.study.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.Study;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.messaging.TrialRequestPublisher;
import dev.hpo.study.repository.StudyRepository;
import dev.hpo.study.repository.TrialMetricRepository;
import dev.hpo.study.repository.TrialRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies what runners report to the stored trials. Idempotent: an event for an attempt that is no longer
 * current, for a finished trial, or for an epoch already stored changes nothing, so Kafka redelivery is harmless.
 */
@ApplicationScoped
public class TrialEventService {

    private static final Logger LOG = Logger.getLogger(TrialEventService.class);
    private static final Uni<List<TrialRequest>> NOTHING = Uni.createFrom().item(List.of());

    private final StudyRepository studies;
    private final TrialRepository trials;
    private final TrialMetricRepository metrics;
    private final TrialScheduler scheduler;
    private final TrialRequestPublisher publisher;

    public TrialEventService(StudyRepository studies, TrialRepository trials, TrialMetricRepository metrics,
            TrialScheduler scheduler, TrialRequestPublisher publisher) {
        this.studies = studies;
        this.trials = trials;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.publisher = publisher;
    }

    public Uni<Void> handle(TrialEvent event) {
        UUID trialId = UUID.fromString(event.trialId());
        return Panache.withTransaction(() -> trials.findById(trialId).chain(trial -> apply(trial, event)))
                .chain(publisher::publish);
    }

    private Uni<List<TrialRequest>> apply(Trial trial, TrialEvent event) {
        if (trial == null) {
            LOG.warnf("ignoring %s for unknown trial %s", event.getClass().getSimpleName(), event.trialId());
            return NOTHING;
        }
        if (event.attempt() != trial.attempt || trial.status.finished()) {
            LOG.debugf("ignoring %s for trial %s attempt %d: current attempt %d, status %s",
                    event.getClass().getSimpleName(), trial.id, event.attempt(), trial.attempt, trial.status);
            return NOTHING;
        }
        if (event instanceof TrialEvent.Started started) {
            return started(trial, started);
        }
        if (event instanceof TrialEvent.EpochCompleted epoch) {
            return epochCompleted(trial, epoch);
        }
        if (event instanceof TrialEvent.Completed completed) {
            return finished(trial, TrialStatus.COMPLETED, "reached epoch " + completed.epochs());
        }
        if (event instanceof TrialEvent.Failed failed) {
            return finished(trial, TrialStatus.FAILED, failed.reason());
        }
        return NOTHING; // heartbeats matter once leases exist
    }

    private Uni<List<TrialRequest>> started(Trial trial, TrialEvent.Started event) {
        trial.status = TrialStatus.RUNNING;
        trial.runnerId = event.runnerId();
        if (trial.startedAt == null) {
            trial.startedAt = Instant.now();
        }
        return NOTHING;
    }

    private Uni<List<TrialRequest>> epochCompleted(Trial trial, TrialEvent.EpochCompleted event) {
        return metrics.exists(trial.id, event.attempt(), event.epoch()).chain(stored -> {
            if (stored) {
                return NOTHING;
            }
            return studies.findById(trial.studyId).chain(study -> {
                TrialMetric metric = metric(trial, event, study);
                trial.status = TrialStatus.RUNNING;
                trial.runnerId = event.runnerId();
                trial.epochsRun = Math.max(trial.epochsRun, event.epoch());
                if (metric.objective != null && study.isBetter(metric.objective, trial.bestValue)) {
                    trial.bestValue = metric.objective;
                    trial.bestEpoch = event.epoch();
                }
                if (metric.objective != null && study.isBetter(metric.objective, study.bestValue)) {
                    study.bestValue = metric.objective;
                    study.bestTrialId = trial.id;
                }
                return metrics.persist(metric).replaceWith(List.<TrialRequest>of());
            });
        });
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
        metric.recordedAt = Instant.now();
        return metric;
    }

    private Uni<List<TrialRequest>> finished(Trial trial, TrialStatus status, String reason) {
        trial.status = status;
        trial.statusReason = reason;
        trial.finishedAt = Instant.now();
        return studies.findById(trial.studyId).chain(scheduler::schedule);
    }
}
