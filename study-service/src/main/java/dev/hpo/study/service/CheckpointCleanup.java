package dev.hpo.study.service;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.hpo.checkpoint.CheckpointReferences;
import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.study.Study;
import dev.hpo.study.Trial;
import dev.hpo.study.config.StudyServiceConfig;
import dev.hpo.study.repository.StudyRepository;
import dev.hpo.study.repository.TrialRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Deletes the checkpoints of finished trials that {@link CheckpointRetention} does not keep. Runs on a worker
 * thread, as the store's calls block; a trial's state is recorded only after its deletions succeeded, so a store
 * that is unreachable for a while delays the clean-up but loses nothing.
 */
@ApplicationScoped
public class CheckpointCleanup {

    private static final Logger LOG = Logger.getLogger(CheckpointCleanup.class);

    private final StudyRepository studies;
    private final TrialRepository trials;
    private final CheckpointStore store;
    private final StudyServiceConfig config;

    public CheckpointCleanup(StudyRepository studies, TrialRepository trials, CheckpointStore store,
            StudyServiceConfig config) {
        this.studies = studies;
        this.trials = trials;
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${hpo.study.checkpoint-cleanup-interval:30s}",
            delayed = "${hpo.study.checkpoint-cleanup-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            for (UUID studyId : await(() -> Panache.withSession(trials::listStudiesWithCheckpointsToClean))) {
                clean(studyId);
            }
        } catch (Throwable e) {
            LOG.warnf(e, "cleaning up checkpoints failed; trying again in %s", config.checkpointCleanupInterval());
        }
    }

    /** Carries out the retention plan of one study; returns the number of trials whose checkpoints changed. */
    public int clean(UUID studyId) throws Throwable {
        Study study = await(() -> Panache.withSession(() -> studies.findById(studyId)));
        List<Trial> all = await(() -> Panache.withSession(() -> trials.listByStudy(studyId)));
        List<CheckpointRetention.Decision> decisions = CheckpointRetention.plan(all.stream()
                .map(t -> new CheckpointRetention.TrialCheckpoints(t.id, t.status.finished(), t.bestValue,
                        t.checkpoint, t.checkpointRetention))
                .toList(), study.maximize(), config.keepBestCheckpoints());
        for (CheckpointRetention.Decision decision : decisions) {
            String prefix = CheckpointReferences.trialPrefix(studyId.toString(), decision.trialId().toString());
            int deleted = switch (decision.action()) {
                case DELETE_ALL -> store.deleteAll(prefix);
                case KEEP_FINAL -> deleteAllBut(prefix, Set.of(decision.checkpoint(),
                        CheckpointReferences.modelArchive(decision.checkpoint())));
            };
            await(() -> Panache.withTransaction(() -> trials.setCheckpointRetention(decision.trialId(),
                    decision.action())));
            LOG.debugf("trial %s: %s, %d files deleted", decision.trialId(), decision.action(), deleted);
        }
        return decisions.size();
    }

    private int deleteAllBut(String prefix, Set<String> kept) throws IOException {
        int deleted = 0;
        for (String reference : store.list(prefix)) {
            if (!kept.contains(reference)) {
                store.delete(reference);
                deleted++;
            }
        }
        return deleted;
    }

    private static <T> T await(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }
}
