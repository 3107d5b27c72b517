package dev.hpo.study.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.checkpoint.CheckpointNotFoundException;
import dev.hpo.checkpoint.CheckpointReferences;
import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.study.Study;
import dev.hpo.study.Trial;
import dev.hpo.study.repository.TrialRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The model archives runners save when a trial finishes its target epochs (a DJL model with the trial's
 * hyperparameters beside it), read from the checkpoint store for download.
 */
@ApplicationScoped
public class ModelArchives {

    /** An archive and the trial it comes from. */
    public record ModelArchive(Trial trial, byte[] content) {
    }

    private final TrialRepository trials;
    private final CheckpointStore store;

    public ModelArchives(TrialRepository trials, CheckpointStore store) {
        this.trials = trials;
        this.store = store;
    }

    /**
     * The best trial's model archive.
     *
     * @throws ModelNotAvailableException (in the Uni) when the study has no best trial yet, or its archive is not
     *         in the store (still training, stopped early, or deleted by the clean-up)
     */
    public Uni<ModelArchive> best(Study study) {
        if (study.bestTrialId == null) {
            return Uni.createFrom().failure(new ModelNotAvailableException("study " + study.id
                    + " has no trial with a reported objective yet"));
        }
        // the store blocks, so it is read on a worker thread, after the session is closed on the event loop
        return Panache.withSession(() -> trials.findById(study.bestTrialId)).chain(trial -> Uni.createFrom()
                .item(() -> read(trial))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private ModelArchive read(Trial trial) {
        String missing = "trial #" + trial.number + " (the best so far) has no model archive";
        if (trial.checkpoint == null) {
            throw new ModelNotAvailableException(missing + ": it has saved no checkpoint yet");
        }
        String reference = CheckpointReferences.modelArchive(trial.checkpoint);
        try (InputStream in = store.open(reference)) {
            return new ModelArchive(trial, in.readAllBytes());
        } catch (CheckpointNotFoundException e) {
            throw new ModelNotAvailableException(missing + " at " + reference + " in " + store.location()
                    + ": runners save one when a trial finishes its target epochs; the trial is "
                    + trial.status.name().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new IllegalStateException("reading " + reference + " from " + store.location() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** No model to download, and why. */
    public static final class ModelNotAvailableException extends RuntimeException {

        public ModelNotAvailableException(String message) {
            super(message);
        }
    }
}
