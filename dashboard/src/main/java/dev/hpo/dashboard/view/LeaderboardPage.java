package dev.hpo.dashboard.view;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a sorted leaderboard, with the links that sort it and move between pages (plain query strings,
 * so they work without script).
 *
 * @param page  1-based, within {@code 1..pages}
 * @param total rows in the whole leaderboard
 */
public record LeaderboardPage(List<String> columns, List<LeaderboardTable.Row> rows, int page, int pages, int total,
        int pageSize, LeaderboardSort sort, String metric, boolean maximize) {

    /**
     * A column header: its sort key, the text shown, and whether its cells are numbers.
     *
     * @param link     the query string that sorts by it
     * @param ariaSort {@code none}, {@code ascending} or {@code descending}
     * @param arrow    ▲ or ▼ after the sorted column's name
     */
    public record Header(String column, String label, boolean numeric, String link, String ariaSort, String arrow) {
    }

    /** Sorts the table and cuts out the requested page; a page past the end shows the last one. */
    public static LeaderboardPage of(LeaderboardTable table, LeaderboardSort sort, int page, int pageSize,
            String metric, boolean maximize) {
        List<LeaderboardTable.Row> sorted = new ArrayList<>(table.rows());
        sorted.sort(sort.comparator(table.columns()));
        int pages = Math.max(1, (sorted.size() + pageSize - 1) / pageSize);
        int current = Math.min(Math.max(1, page), pages);
        int from = (current - 1) * pageSize;
        List<LeaderboardTable.Row> rows = sorted.subList(Math.min(from, sorted.size()),
                Math.min(from + pageSize, sorted.size()));
        return new LeaderboardPage(table.columns(), List.copyOf(rows), current, pages, sorted.size(), pageSize, sort,
                metric, maximize);
    }

    /** Every column in order: rank, trial, the hyperparameters in space order, then the results. */
    public List<Header> headers() {
        List<Header> headers = new ArrayList<>();
        headers.add(header("rank", "Rank", true));
        headers.add(header("trial", "Trial", true));
        columns.forEach(c -> headers.add(header(LeaderboardSort.PARAM_PREFIX + c, c, true)));
        headers.add(header("value", "Best " + metric, true));
        headers.add(header("epoch", "At epoch", true));
        headers.add(header("epochs", "Epochs run", true));
        headers.add(header("status", "Status", false));
        headers.add(header("runner", "Runner", false));
        return headers;
    }

    private Header header(String column, String label, boolean numeric) {
        return new Header(column, label, numeric, sortLink(column), ariaSort(column), arrow(column));
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public int firstRow() {
        return total == 0 ? 0 : (page - 1) * pageSize + 1;
    }

    public int lastRow() {
        return (page - 1) * pageSize + rows.size();
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }

    public int previousPage() {
        return Math.max(1, page - 1);
    }

    public int nextPage() {
        return Math.min(pages, page + 1);
    }

    /** Sorts by the column: its natural direction first, the other way when it is sorted already; back to page 1. */
    public String sortLink(String column) {
        boolean ascending = column.equals(sort.column()) ? !sort.ascending()
                : LeaderboardSort.natural(column, maximize);
        return "?sort=" + encode(column) + "&dir=" + (ascending ? "asc" : "desc") + "#leaderboard";
    }

    public String pageLink(int target) {
        return "?sort=" + encode(sort.column()) + "&dir=" + sort.dir() + "&page=" + target + "#leaderboard";
    }

    /** {@code aria-sort} of a column header. */
    public String ariaSort(String column) {
        if (!column.equals(sort.column())) {
            return "none";
        }
        return sort.ascending() ? "ascending" : "descending";
    }

    /** The arrow after a sorted column's name. */
    public String arrow(String column) {
        if (!column.equals(sort.column())) {
            return "";
        }
        return sort.ascending() ? "▲" : "▼";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
