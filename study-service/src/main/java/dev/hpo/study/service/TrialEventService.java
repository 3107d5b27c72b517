package dev.hpo.study.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.hpo.protocol.StudyEvent;
import dev.hpo.protocol.TrialControl;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.study.Study;
import dev.hpo.study.StudyStatus;
import dev.hpo.study.Trial;
import dev.hpo.study.TrialMetric;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.TrialTransition;
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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Applies what runners report to the stored trials, and takes the decisions that follow: early stops, and the
 * study's next trials. Idempotent: an event for an attempt that is no longer current, for a finished trial, or for
 * an epoch already stored changes nothing, so Kafka redelivery is harmless.
 * <p>
 * Events come in batches, applied in order in one transaction: each event sees what the ones before it stored and
 * decided, so the outcome is what a transaction per event would give, while the batch costs a handful of round
 * trips to the database (its trials, studies and stored epochs read at once, its new epochs and messages written
 * at once) and one outbox relay. A study's history is read at most once per batch and then kept in step.
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

    /** Applies one event in a transaction of its own. */
    public Uni<Void> handle(TrialEvent event) {
        return handleAll(List.of(event));
    }

    /** Applies events in the order given, in one transaction; a failure of any rolls back all of them. */
    public Uni<Void> handleAll(List<TrialEvent> events) {
        Round round = new Round();
        return Panache.withTransaction(() -> load(events, round)
                        .chain(() -> Multi.createFrom().iterable(events)
                                .onItem().transformToUniAndConcatenate(event -> apply(event, round))
                                .collect().last())
                        .chain(() -> metrics.insertAll(round.inserts))
                        .chain(() -> transitions.persistAll(round.transitions()))
                        .chain(() -> publisher.store(round.decisions)))
                // the messages are stored: they are sent while the next events are applied; heartbeats alone store
                // none, and cost no relay round trip to the database
                .invoke(() -> {
                    if (round.hasMessages()) {
                        publisher.relayInBackground();
                    }
                });
    }

    /**
     * Reads into the session the batch's trials and studies, where each event then finds them, the histories the
     * batch will ask about (with all the trials of their studies), and which of its epochs are stored already.
     * Each trial is read once, and nothing is read again once the batch starts changing things, so no query has
     * to flush the session first.
     */
    private Uni<Void> load(List<TrialEvent> events, Round round) {
        Set<UUID> ids = new HashSet<>();
        Set<UUID> reporting = new HashSet<>();
        int from = Integer.MAX_VALUE;
        int to = Integer.MIN_VALUE;
        for (TrialEvent event : events) {
            UUID id = UUID.fromString(event.trialId());
            ids.add(id);
            if (event instanceof TrialEvent.EpochCompleted epoch) {
                reporting.add(id);
                from = Math.min(from, epoch.epoch());
                to = Math.max(to, epoch.epoch());
            }
        }
        int first = from;
        int last = to;
        return trials.studiesOf(ids).chain(studyOf -> studyOf.isEmpty() ? NOTHING
                : studies.list("id in ?1", Set.copyOf(studyOf.values())).chain(studied -> {
                    Set<UUID> needed = historiesNeeded(events, studyOf, studied);
                    List<UUID> otherTrials = ids.stream()
                            .filter(id -> studyOf.containsKey(id) && !needed.contains(studyOf.get(id))).toList();
                    List<UUID> unchecked = reporting.stream()
                            .filter(id -> studyOf.containsKey(id) && !needed.contains(studyOf.get(id))).toList();
                    return round.preload(needed)
                            .chain(() -> otherTrials.isEmpty() ? NOTHING
                                    : trials.list("id in ?1", otherTrials).replaceWithVoid())
                            .chain(() -> unchecked.isEmpty() ? NOTHING
                                    : metrics.storedKeys(unchecked, first, last).invoke(round.stored::addAll)
                                            .replaceWithVoid());
                }));
    }

    /**
     * The studies whose histories the batch will read: those asked to decide after a completion, failure or stop,
     * and those whose stopping rule hears each epoch.
     */
    private static Set<UUID> historiesNeeded(List<TrialEvent> events, Map<UUID, UUID> studyOf, List<Study> studied) {
        Set<UUID> withRule = new HashSet<>();
        for (Study study : studied) {
            if (study.status == StudyStatus.RUNNING
                    && EarlyStoppingRules.create(StudySpecReader.readStored(study.spec)).isPresent()) {
                withRule.add(study.id);
            }
        }
        Set<UUID> needed = new HashSet<>();
        for (TrialEvent event : events) {
            UUID study = studyOf.get(UUID.fromString(event.trialId()));
            if (study != null && (event instanceof TrialEvent.EpochCompleted ? withRule.contains(study)
                    : event instanceof TrialEvent.Completed || event instanceof TrialEvent.Failed
                            || event instanceof TrialEvent.Stopped)) {
                needed.add(study);
            }
        }
        return needed;
    }

    private Uni<Void> apply(TrialEvent event, Round round) {
        Changes changes = round.decision();
        return trials.findById(UUID.fromString(event.trialId())).chain(trial -> apply(trial, event, round, changes));
    }

    private Uni<Void> apply(Trial trial, TrialEvent event, Round round, Changes changes) {
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
            return epochCompleted(trial, epoch, round, changes);
        }
        if (event instanceof TrialEvent.Checkpointed checkpointed) {
            if (trial.checkpointEpoch == null || checkpointed.epoch() >= trial.checkpointEpoch) {
                trial.checkpoint = checkpointed.checkpoint();
                trial.checkpointEpoch = checkpointed.epoch();
            }
            return NOTHING;
        }
        if (event instanceof TrialEvent.Completed completed) {
            return completed(trial, completed, round, changes);
        }
        if (event instanceof TrialEvent.Failed failed) {
            changes.move(trial, TrialStatus.FAILED, "failed on " + failed.runnerId() + ": " + failed.reason());
            return studies.findById(trial.studyId).chain(study -> round.schedule(study, changes));
        }
        if (event instanceof TrialEvent.Stopped stopped && trial.status.inFlight()) {
            // a stop this service did not decide (the runner is shutting down): another runner takes over
            return studies.findById(trial.studyId).chain(study -> {
                String why = stopped.runnerId() + " stopped after epoch " + stopped.epochs() + ": " + stopped.reason();
                if (requeue.requeue(study, trial, why, changes)) {
                    return NOTHING;
                }
                return round.schedule(study, changes);
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

    private Uni<Void> completed(Trial trial, TrialEvent.Completed event, Round round, Changes changes) {
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
            return round.schedule(study, changes);
        });
    }

    private Uni<Void> epochCompleted(Trial trial, TrialEvent.EpochCompleted event, Round round, Changes changes) {
        if (round.isStored(trial.id, event.attempt(), event.epoch())) {
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
            round.store(study, metric);
            return earlyStop(study, trial, event.epoch(), round, changes);
        });
    }

    /** Asks the study's stopping rule about the epoch just stored; a stop prunes the trial and tells its runner. */
    private Uni<Void> earlyStop(Study study, Trial trial, int epoch, Round round, Changes changes) {
        Optional<StoppingRule> rule = EarlyStoppingRules.create(StudySpecReader.readStored(study.spec));
        if (rule.isEmpty() || epoch >= trial.targetEpoch) {
            return NOTHING;
        }
        return round.history(study).chain(history -> {
            TrialRecord self = history.records().get(trial.number);
            StopDecision decision = rule.get().decide(self, epoch,
                    history.records().stream().filter(r -> r.number() != trial.number).toList());
            if (!(decision instanceof StopDecision.Stop stop)) {
                return NOTHING;
            }
            Trial managed = history.trial(trial.number);
            changes.move(managed, TrialStatus.PRUNED, stop.rule() + " rule at epoch " + epoch + ": " + stop.reason());
            changes.control(new TrialControl.Stop(managed.id.toString(), managed.attempt, stop.reason()));
            return scheduler.schedule(study, history, changes);
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
        metric.runnerId = event.runnerId();
        metric.recordedAt = Instant.now();
        return metric;
    }

    /**
     * What one transaction has read and decided so far: a {@link Changes} per event (stored in event order), the
     * epochs to insert, the keys of stored epochs, and the histories of the studies asked about, which every status
     * change and stored epoch updates as it happens.
     */
    private final class Round {

        private final List<Changes> decisions = new ArrayList<>();
        private final List<TrialMetric> inserts = new ArrayList<>();
        private final Set<TrialMetricRepository.Key> stored = new HashSet<>();
        private final Map<UUID, StudyHistory> histories = new HashMap<>();

        /** The changes of the next event. */
        Changes decision() {
            Changes changes = new Changes(this::moved);
            decisions.add(changes);
            return changes;
        }

        private void moved(Trial trial) {
            StudyHistory history = histories.get(trial.studyId);
            if (history != null && history.contains(trial.id)) {
                history.update(trial);
            }
        }

        boolean isStored(UUID trialId, int attempt, int epoch) {
            return stored.contains(new TrialMetricRepository.Key(trialId, attempt, epoch));
        }

        void store(Study study, TrialMetric metric) {
            inserts.add(metric);
            stored.add(new TrialMetricRepository.Key(metric.trialId, metric.attempt, metric.epoch));
            StudyHistory history = histories.get(study.id);
            if (history != null) {
                history.stored(epoch(metric));
            }
        }

        /**
         * Reads these studies' histories, with every trial of theirs, before the batch changes anything; which
         * epochs their trials have stored comes with them.
         */
        Uni<Void> preload(Set<UUID> studyIds) {
            if (studyIds.isEmpty()) {
                return NOTHING;
            }
            return trials.listByStudies(studyIds).chain(all -> metrics.listEpochsByStudies(studyIds).invoke(epochs -> {
                for (StudyHistory.Epoch e : epochs) {
                    stored.add(new TrialMetricRepository.Key(e.trialId(), e.attempt(), e.epoch()));
                }
                histories.putAll(StudyHistory.byStudy(studyIds, all, epochs));
            })).replaceWithVoid();
        }

        /** The study's history as this transaction has it, read once. */
        Uni<StudyHistory> history(Study study) {
            StudyHistory cached = histories.get(study.id);
            if (cached != null) {
                return Uni.createFrom().item(cached);
            }
            return scheduler.history(study.id).map(history -> {
                // epochs stored earlier in this transaction are inserted only at its end
                for (TrialMetric m : inserts) {
                    if (history.contains(m.trialId)) {
                        history.stored(epoch(m));
                    }
                }
                histories.put(study.id, history);
                return history;
            });
        }

        Uni<Void> schedule(Study study, Changes changes) {
            if (study.status != StudyStatus.RUNNING) {
                return NOTHING; // nothing to ask the algorithm; no history to read
            }
            return history(study).chain(history -> scheduler.schedule(study, history, changes));
        }

        List<TrialTransition> transitions() {
            List<TrialTransition> all = new ArrayList<>();
            decisions.forEach(d -> all.addAll(d.transitions()));
            return all;
        }

        boolean hasMessages() {
            return decisions.stream().anyMatch(Changes::hasMessages);
        }

        private static StudyHistory.Epoch epoch(TrialMetric m) {
            return new StudyHistory.Epoch(m.trialId, m.attempt, m.epoch, m.objective);
        }
    }
}
