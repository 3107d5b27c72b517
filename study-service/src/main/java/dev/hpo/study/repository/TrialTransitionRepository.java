package dev.hpo.study.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.study.TrialTransition;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TrialTransitionRepository implements PanacheRepositoryBase<TrialTransition, Long> {

    /** Stores the transitions of one decision; Panache refuses an empty batch, so none is a no-op. */
    public Uni<Void> persistAll(List<TrialTransition> transitions) {
        return transitions.isEmpty() ? Uni.createFrom().voidItem() : persist(transitions);
    }

    public Uni<List<TrialTransition>> listByTrial(UUID trialId) {
        return list("trialId = ?1 order by id", trialId);
    }

    public Uni<List<TrialTransition>> listByStudy(UUID studyId) {
        return list("trialId in (select t.id from Trial t where t.studyId = ?1) order by id", studyId);
    }
}
