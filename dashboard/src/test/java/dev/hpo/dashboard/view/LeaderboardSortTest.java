package dev.hpo.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.client.LeaderboardRow;

/** Not a @QuarkusTest: sorting is plain code over rows. */
class LeaderboardSortTest {

    private static final List<String> COLUMNS = List.of("units", "optimizer");

    private static LeaderboardTable table() {
        return LeaderboardTable.of(Map.of(), List.of(
                row(1, 3, Map.of("units", 64, "optimizer", "sgd"), 0.9, "COMPLETED"),
                row(2, 0, Map.of("units", 512, "optimizer", "adam"), 0.8, "PRUNED"),
                row(3, 1, Map.of("units", 128), 0.7, "COMPLETED"),
                row(null, 2, Map.of("units", 32, "optimizer", "rmsprop"), null, "QUEUED")));
    }

    private static LeaderboardRow row(Integer rank, int number, Map<String, Object> params, Double value,
            String status) {
        return new LeaderboardRow(rank, "t" + number, number, params, value, value == null ? null : 3, 3, status,
                null);
    }

    private static List<Integer> numbers(String sort, String dir) {
        LeaderboardTable table = table();
        List<LeaderboardTable.Row> rows = new ArrayList<>(table.rows());
        rows.sort(LeaderboardSort.parse(sort, dir, table.columns(), true).comparator(table.columns()));
        return rows.stream().map(LeaderboardTable.Row::number).toList();
    }

    @Test
    void rankingIsTheDefaultWithUnrankedTrialsLast() {
        assertEquals(List.of(3, 0, 1, 2), numbers(null, null));
        assertEquals(List.of(3, 0, 1, 2), numbers("no-such-column", "desc"));
    }

    @Test
    void numericHyperparametersSortByValueNotText() {
        assertEquals(List.of(2, 3, 1, 0), numbers("p:units", "asc"));
        assertEquals(List.of(0, 1, 3, 2), numbers("p:units", "desc"));
    }

    @Test
    void missingValuesSortLastInEitherDirection() {
        assertEquals(List.of(0, 2, 3, 1), numbers("p:optimizer", "asc"));
        assertEquals(List.of(3, 2, 0, 1), numbers("p:optimizer", "desc"));
        assertEquals(List.of(1, 0, 3, 2), numbers("value", "asc"));
    }

    @Test
    void objectiveSortsBestFirstByDefault() {
        assertEquals(List.of(3, 0, 1, 2), numbers("value", null));
        LeaderboardSort minimize = LeaderboardSort.parse("value", null, COLUMNS, false);
        assertEquals("asc", minimize.dir());
    }

    @Test
    void aHyperparameterTheTableDoesNotHaveIsRefused() {
        assertEquals(LeaderboardSort.RANKING, LeaderboardSort.parse("p:nope", "asc", COLUMNS, true));
    }

    @Test
    void mixedKindsPutNumbersBeforeText() {
        List<Object> values = new ArrayList<>(Arrays.asList("b", 2, "a", 10));
        values.sort(LeaderboardSort::compareValues);
        assertEquals(List.of(2, 10, "a", "b"), values);
    }
}
