package dev.hpo.dashboard.view;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The order a leaderboard page is shown in, from the page's {@code sort} and {@code dir} query parameters.
 * Columns: {@code rank}, {@code trial}, {@code value}, {@code epoch}, {@code epochs}, {@code status},
 * {@code runner}, and {@code p:<name>} for a hyperparameter. Cells without a value sort last in either direction;
 * ties keep the ranking. An unknown column falls back to the ranking.
 */
public record LeaderboardSort(String column, boolean ascending) {

    public static final String PARAM_PREFIX = "p:";
    public static final LeaderboardSort RANKING = new LeaderboardSort("rank", true);

    private static final Set<String> FIXED = Set.of("rank", "trial", "value", "epoch", "epochs", "status", "runner");

    /**
     * @param sort      the requested column, or {@code null}
     * @param dir       {@code asc} or {@code desc}; anything else means the column's natural direction
     * @param columns   the table's hyperparameter columns
     * @param maximize  whether larger objective values are better: the natural direction of {@code value}
     */
    public static LeaderboardSort parse(String sort, String dir, List<String> columns, boolean maximize) {
        if (sort == null || !(FIXED.contains(sort)
                || sort.startsWith(PARAM_PREFIX) && columns.contains(sort.substring(PARAM_PREFIX.length())))) {
            return RANKING;
        }
        boolean ascending = "asc".equalsIgnoreCase(dir) || !"desc".equalsIgnoreCase(dir) && natural(sort, maximize);
        return new LeaderboardSort(sort, ascending);
    }

    /** Whether a fresh click on the column sorts it ascending: best objective values and lowest ranks first. */
    public static boolean natural(String column, boolean maximize) {
        return !"value".equals(column) || !maximize;
    }

    public String dir() {
        return ascending ? "asc" : "desc";
    }

    public Comparator<LeaderboardTable.Row> comparator(List<String> columns) {
        Function<LeaderboardTable.Row, Object> key = key(columns);
        Comparator<Object> values = ascending ? LeaderboardSort::compareValues : (a, b) -> compareValues(b, a);
        Comparator<LeaderboardTable.Row> ranking = Comparator
                .comparing(LeaderboardTable.Row::rank, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(LeaderboardTable.Row::number);
        return Comparator.comparing(key, Comparator.nullsLast(values)).thenComparing(ranking);
    }

    private Function<LeaderboardTable.Row, Object> key(List<String> columns) {
        if (column.startsWith(PARAM_PREFIX)) {
            int index = columns.indexOf(column.substring(PARAM_PREFIX.length()));
            return row -> row.values().get(index);
        }
        return switch (column) {
            case "trial" -> LeaderboardTable.Row::number;
            case "value" -> LeaderboardTable.Row::value;
            case "epoch" -> LeaderboardTable.Row::epoch;
            case "epochs" -> LeaderboardTable.Row::epochsRun;
            case "status" -> LeaderboardTable.Row::status;
            case "runner" -> LeaderboardTable.Row::runnerId;
            default -> LeaderboardTable.Row::rank;
        };
    }

    /** Numbers by value, everything else (and mixed kinds) by its text. */
    static int compareValues(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Number != b instanceof Number) {
            return a instanceof Number ? -1 : 1;
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
