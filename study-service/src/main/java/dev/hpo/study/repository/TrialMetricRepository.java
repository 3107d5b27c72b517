package dev.hpo.study.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.study.TrialMetric;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TrialMetricRepository implements PanacheRepositoryBase<TrialMetric, Long> {

    /** Epochs each runner has reported since {@code cutoff}. */
    public Uni<Map<String, Long>> countByRunnerSince(Instant cutoff) {
        return getSession().chain(session -> session.createSelectionQuery(
                        "select m.runnerId, count(m) from TrialMetric m where m.recordedAt >= ?1 and m.runnerId is not null"
                                + " group by m.runnerId", Object[].class)
                .setParameter(1, cutoff)
                .getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
                    return counts;
                });
    }

    public Uni<Boolean> exists(UUID trialId, int attempt, int epoch) {
        return count("trialId = ?1 and attempt = ?2 and epoch = ?3", trialId, attempt, epoch).map(n -> n > 0);
    }

    /** Every epoch of every trial of a study, ordered by trial, attempt and epoch. */
    public Uni<List<TrialMetric>> listByStudy(UUID studyId) {
        return list("trialId in (select t.id from Trial t where t.studyId = ?1) order by trialId, attempt, epoch",
                studyId);
    }

    /** Epochs trained for a study so far, over all its trials and attempts. */
    public Uni<Long> countByStudy(UUID studyId) {
        return count("trialId in (select t.id from Trial t where t.studyId = ?1)", studyId);
    }
}
