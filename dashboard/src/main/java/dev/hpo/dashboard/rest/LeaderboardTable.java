package dev.hpo.dashboard.rest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hpo.dashboard.client.LeaderboardRow;

/**
 * The leaderboard laid out as a table: one column per hyperparameter, in the order of the study's search space,
 * so the template only prints cells.
 */
public record LeaderboardTable(List<String> columns, List<Row> rows) {

    public record Row(Integer rank, int number, String trialId, List<Object> values, Double value, Integer epoch,
            int epochsRun, String status, String runnerId, boolean best) {
    }

    static LeaderboardTable of(Map<String, Object> space, List<LeaderboardRow> rows) {
        Set<String> columns = new LinkedHashSet<>(space == null ? Set.of() : space.keySet());
        rows.forEach(r -> columns.addAll(r.params().keySet()));
        List<Row> table = new ArrayList<>();
        for (LeaderboardRow r : rows) {
            List<Object> values = new ArrayList<>();
            for (String column : columns) {
                values.add(r.params().getOrDefault(column, "–"));
            }
            table.add(new Row(r.rank(), r.number(), r.trialId(), values, r.value(), r.epoch(), r.epochsRun(),
                    r.status(), r.runnerId(), r.rank() != null && r.rank() == 1));
        }
        return new LeaderboardTable(List.copyOf(columns), table);
    }
}
