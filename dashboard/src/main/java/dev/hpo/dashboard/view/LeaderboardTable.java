package dev.hpo.dashboard.view;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hpo.dashboard.client.LeaderboardRow;

/**
 * The leaderboard laid out as a table: one column per hyperparameter, in the order of the study's search space,
 * so the template only prints cells. A hyperparameter a trial does not have (a conditional one) is {@code null}.
 */
public record LeaderboardTable(List<String> columns, List<Row> rows) {

    public record Row(Integer rank, int number, String trialId, List<Object> values, Double value, Integer epoch,
            int epochsRun, String status, String runnerId, boolean best) {
    }

    public static LeaderboardTable of(Map<String, ?> space, List<LeaderboardRow> rows) {
        Set<String> columns = new LinkedHashSet<>(space == null ? Set.of() : space.keySet());
        rows.forEach(r -> columns.addAll(params(r).keySet()));
        List<Row> table = new ArrayList<>(rows.size());
        for (LeaderboardRow r : rows) {
            List<Object> values = new ArrayList<>(columns.size());
            for (String column : columns) {
                values.add(params(r).get(column));
            }
            table.add(new Row(r.rank(), r.number(), r.trialId(), values, r.value(), r.epoch(), r.epochsRun(),
                    r.status(), r.runnerId(), r.rank() != null && r.rank() == 1));
        }
        return new LeaderboardTable(List.copyOf(columns), table);
    }

    private static Map<String, Object> params(LeaderboardRow row) {
        return row.params() == null ? Map.of() : row.params();
    }
}
