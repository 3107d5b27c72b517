package dev.hpo.study.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.common.AffectedEntities;

import dev.hpo.study.TrialMetric;
import dev.hpo.study.service.StudyHistory;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TrialMetricRepository implements PanacheRepositoryBase<TrialMetric, Long> {

    /** What identifies a stored epoch: the unique key of {@code trial_metric}. */
    public record Key(UUID trialId, int attempt, int epoch) {
    }

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

    /** Which epochs {@code from..to} of these trials are stored already, over all attempts. */
    public Uni<Set<Key>> storedKeys(Collection<UUID> trialIds, int from, int to) {
        if (trialIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return getSession().chain(session -> session.createSelectionQuery(
                        "select m.trialId, m.attempt, m.epoch from TrialMetric m"
                                + " where m.trialId in ?1 and m.epoch between ?2 and ?3", Object[].class)
                .setParameter(1, trialIds)
                .setParameter(2, from)
                .setParameter(3, to)
                .getResultList())
                .map(rows -> {
                    Set<Key> keys = new HashSet<>();
                    rows.forEach(row -> keys.add(new Key((UUID) row[0], (Integer) row[1], (Integer) row[2])));
                    return keys;
                });
    }

    /**
     * Stores new epochs with one statement, the rows passed as a JSON array: a round trip per epoch, or a parameter
     * per column, costs more than all the rest of a batch. An epoch stored already (the unique key trial, attempt,
     * epoch) fails the statement and with it the transaction.
     */
    public Uni<Void> insertAll(List<TrialMetric> metrics) {
        if (metrics.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TrialMetric m : metrics) {
            Map<String, Object> row = new HashMap<>();
            row.put("trial_id", m.trialId.toString());
            row.put("attempt", m.attempt);
            row.put("epoch", m.epoch);
            row.put("metrics", m.metrics);
            row.put("objective", m.objective);
            row.put("seconds", m.seconds);
            row.put("runner_id", m.runnerId);
            row.put("recorded_at", m.recordedAt.toString());
            rows.add(row);
        }
        return getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO trial_metric (trial_id, attempt, epoch, metrics, objective, seconds, runner_id,"
                                + " recorded_at) SELECT * FROM json_to_recordset(CAST(CAST(?1 AS text) AS json))"
                                + " AS m(trial_id uuid, attempt int, epoch int, metrics text, objective float8,"
                                + " seconds float8, runner_id text, recorded_at timestamptz)",
                        new AffectedEntities(TrialMetric.class))
                .setParameter(1, JsonRows.write(rows))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The objective of every stored epoch of a study's trials: what its algorithms and stopping rule read. */
    public Uni<List<StudyHistory.Epoch>> listEpochsByStudy(UUID studyId) {
        return listEpochsByStudies(List.of(studyId));
    }

    /**
     * The same for several studies at once. A history is thousands of epochs: they come as one row per trial and
     * attempt, its epochs and objectives as text ({@code "epoch objective,..."}, {@code -} for none), which reads
     * several times faster than a row each; PostgreSQL writes a {@code double precision} as text exactly. The
     * lateral join reads each trial's epochs through the unique key's index: joined plainly, the planner scans the
     * whole table, every study's epochs, once it holds a few hundred thousand.
     */
    public Uni<List<StudyHistory.Epoch>> listEpochsByStudies(Collection<UUID> studyIds) {
        return getSession().chain(session -> session.createNativeQuery(
                        "SELECT t.id, e.attempt, e.epochs FROM trial t CROSS JOIN LATERAL (SELECT m.attempt,"
                                + " string_agg(m.epoch || ' ' || coalesce(CAST(m.objective AS text), '-'), ',')"
                                + " AS epochs FROM trial_metric m WHERE m.trial_id = t.id GROUP BY m.attempt) e"
                                + " WHERE t.study_id IN (:studies)", Object[].class)
                .setParameter("studies", studyIds)
                .getResultList())
                .map(rows -> {
                    List<StudyHistory.Epoch> epochs = new ArrayList<>();
                    for (Object[] row : rows) {
                        UUID trialId = row[0] instanceof UUID id ? id : UUID.fromString(row[0].toString());
                        int attempt = ((Number) row[1]).intValue();
                        for (String pair : ((String) row[2]).split(",")) {
                            int space = pair.indexOf(' ');
                            String objective = pair.substring(space + 1);
                            epochs.add(new StudyHistory.Epoch(trialId, attempt,
                                    Integer.parseInt(pair, 0, space, 10),
                                    objective.equals("-") ? null : Double.valueOf(objective)));
                        }
                    }
                    return epochs;
                });
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
