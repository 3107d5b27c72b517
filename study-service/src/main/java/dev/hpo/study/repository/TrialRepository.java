package dev.hpo.study.repository;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.study.Trial;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.service.CheckpointRetention;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TrialRepository implements PanacheRepositoryBase<Trial, UUID> {

    /** Running trials whose runner has reported nothing since {@code cutoff}. */
    public Uni<List<Trial>> listRunningSilentSince(Instant cutoff) {
        return list("status = ?1 and lastSeenAt < ?2 order by lastSeenAt", TrialStatus.RUNNING, cutoff);
    }

    /** Trials some runner has reported on since {@code cutoff}, most recent first. */
    public Uni<List<Trial>> listSeenSince(Instant cutoff) {
        return list("runnerId is not null and lastSeenAt >= ?1 order by lastSeenAt desc", cutoff);
    }

    /** Studies with finished trials whose checkpoints the clean-up has not yet looked at. */
    public Uni<List<UUID>> listStudiesWithCheckpointsToClean() {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select distinct t.studyId from Trial t where t.checkpointRetention is null"
                                + " and t.status in (?1, ?2, ?3)", UUID.class)
                .setParameter(1, TrialStatus.COMPLETED)
                .setParameter(2, TrialStatus.PRUNED)
                .setParameter(3, TrialStatus.FAILED)
                .getResultList());
    }

    /** Records what the checkpoint clean-up did with a trial. */
    public Uni<Integer> setCheckpointRetention(UUID trialId, CheckpointRetention.Action action) {
        return update("checkpointRetention = ?1 where id = ?2", action, trialId);
    }

    public Uni<List<Trial>> listByStudy(UUID studyId) {
        return list("studyId = ?1 order by number", studyId);
    }

    /** The study of each of these trials that exists. */
    public Uni<Map<UUID, UUID>> studiesOf(Collection<UUID> trialIds) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select t.id, t.studyId from Trial t where t.id in ?1", Object[].class)
                .setParameter(1, trialIds)
                .getResultList())
                .map(rows -> {
                    Map<UUID, UUID> studies = new HashMap<>();
                    rows.forEach(row -> studies.put((UUID) row[0], (UUID) row[1]));
                    return studies;
                });
    }

    /** The trials of several studies, each study's in number order. */
    public Uni<List<Trial>> listByStudies(Collection<UUID> studyIds) {
        return list("studyId in ?1 order by studyId, number", studyIds);
    }

    /** Number of trials in each status, per study: one grouped query for the whole studies list. */
    public Uni<Map<UUID, Map<TrialStatus, Long>>> countByStudyAndStatus() {
        return getSession().chain(session -> session
                .createSelectionQuery("select t.studyId, t.status, count(t) from Trial t group by t.studyId, t.status",
                        Object[].class)
                .getResultList())
                .map(rows -> {
                    Map<UUID, Map<TrialStatus, Long>> counts = new HashMap<>();
                    for (Object[] row : rows) {
                        counts.computeIfAbsent((UUID) row[0], id -> new EnumMap<>(TrialStatus.class))
                                .put((TrialStatus) row[1], (Long) row[2]);
                    }
                    return counts;
                });
    }
}
