package dev.hpo.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hpo.dashboard.client.LeaderboardRow;

class LeaderboardPageTest {

    private static LeaderboardTable table(int rows) {
        List<LeaderboardRow> all = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            all.add(new LeaderboardRow(i + 1, "t" + i, i, Map.of("my param", i), 1.0 - i / 1000.0, 1, 1,
                    "COMPLETED", null));
        }
        return LeaderboardTable.of(Map.of("my param", Map.of()), all);
    }

    @Test
    void cutsTheRequestedPageAndCountsPages() {
        LeaderboardPage page = LeaderboardPage.of(table(120), LeaderboardSort.RANKING, 3, 50, "acc", true);
        assertEquals(20, page.rows().size());
        assertEquals(3, page.pages());
        assertEquals(101, page.firstRow());
        assertEquals(120, page.lastRow());
        assertTrue(page.hasPrevious());
        assertFalse(page.hasNext());
    }

    @Test
    void anEmptyBoardHasOnePageAndNoRows() {
        LeaderboardPage page = LeaderboardPage.of(table(0), LeaderboardSort.RANKING, 5, 50, "acc", true);
        assertEquals(1, page.page());
        assertEquals(0, page.firstRow());
        assertTrue(page.isEmpty());
    }

    @Test
    void sortLinksEncodeHyperparameterNamesAndReverseTheSortedColumn() {
        LeaderboardSort sort = LeaderboardSort.parse("p:my param", "asc", List.of("my param"), true);
        LeaderboardPage page = LeaderboardPage.of(table(3), sort, 1, 50, "acc", true);
        LeaderboardPage.Header header = page.headers().get(2);
        assertEquals("my param", header.label());
        assertEquals("?sort=p%3Amy+param&dir=desc#leaderboard", header.link());
        assertEquals("ascending", header.ariaSort());
        assertEquals("?sort=value&dir=desc#leaderboard", page.headers().get(3).link(), "best first");
        assertEquals("Best acc", page.headers().get(3).label());
    }
}
