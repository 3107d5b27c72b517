package dev.hpo.study.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.hpo.study.Trial;
import dev.hpo.study.config.StudyServiceConfig;
import dev.hpo.study.messaging.Publisher;
import dev.hpo.study.repository.StudyRepository;
import dev.hpo.study.repository.TrialRepository;
import dev.hpo.study.repository.TrialTransitionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Finds running trials whose runner has gone silent for longer than the lease and gives them to another runner,
 * so no trial stays RUNNING forever after a runner dies.
 */
@ApplicationScoped
public class LeaseMonitor {

    private static final Logger LOG = Logger.getLogger(LeaseMonitor.class);

    private final StudyServiceConfig config;
    private final StudyRepository studies;
    private final TrialRepository trials;
    private final TrialTransitionRepository transitions;
    private final TrialScheduler scheduler;
    private final TrialRequeue requeue;
    private final Publisher publisher;

    public LeaseMonitor(StudyServiceConfig config, StudyRepository studies, TrialRepository trials,
            TrialTransitionRepository transitions, TrialScheduler scheduler, TrialRequeue requeue,
            Publisher publisher) {
        this.config = config;
        this.studies = studies;
        this.trials = trials;
        this.transitions = transitions;
        this.scheduler = scheduler;
        this.requeue = requeue;
        this.publisher = publisher;
    }

    @Scheduled(every = "${hpo.study.lease-check-interval:5s}", delayed = "${hpo.study.lease-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireLeases() {
        Instant cutoff = Instant.now().minus(config.leaseTimeout());
        Changes changes = new Changes();
        return Panache.withTransaction(() -> trials.listRunningSilentSince(cutoff)
                        .chain(silent -> Multi.createFrom().iterable(silent)
                                .onItem().transformToUniAndConcatenate(trial -> expire(trial, changes))
                                .collect().last())
                        .chain(() -> transitions.persistAll(changes.transitions()))
                        .chain(() -> publisher.store(changes)))
                .chain(publisher::relay)
                .onFailure().invoke(e -> LOG.warn("checking leases failed; trying again at the next check", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> expire(Trial trial, Changes changes) {
        String why = "lease expired: no word from " + trial.runnerId + " for more than "
                + config.leaseTimeout().toSeconds() + " s";
        LOG.infof("trial %s: %s", trial.id, why);
        return studies.findById(trial.studyId).chain(study -> requeue.requeue(study, trial, why, changes)
                ? Uni.createFrom().voidItem()
                : scheduler.schedule(study, changes));
    }
}
