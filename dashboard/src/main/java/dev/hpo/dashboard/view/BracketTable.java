package dev.hpo.dashboard.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.client.Trial;

/**
 * Hyperband's brackets as they went: for each rung of each bracket, the trials that reached it and what became of
 * them there. A trial's rung is read from its timeline ("promoted to rung 2 …"), its bracket from the trial.
 */
public record BracketTable(List<Bracket> brackets) {

    private static final Pattern PROMOTED = Pattern.compile("promoted to rung (\\d+)");

    public record Bracket(int index, List<Rung> rungs) {
    }

    /**
     * @param configs trials the plan gives this rung
     * @param trials  trials that reached it, best first
     */
    public record Rung(int rung, int epochs, int configs, List<Entry> trials, boolean last) {

        public long promoted() {
            return trials.stream().filter(t -> "promoted".equals(t.outcome())).count();
        }
    }

    /**
     * A trial at a rung.
     *
     * @param outcome {@code promoted}, {@code waiting} (paused for the decision), {@code training},
     *                {@code not-promoted}, {@code completed}, {@code pruned} or {@code failed}
     */
    public record Entry(String trialId, int number, Double value, String outcome, String reason) {
    }

    /** Empty when the study has no brackets (any algorithm but Hyperband and BOHB). */
    public static BracketTable of(StudySummary study, List<Trial> trials) {
        if (study.plan() == null || study.plan().brackets() == null) {
            return new BracketTable(List.of());
        }
        boolean maximize = study.objective() == null || study.objective().maximize();
        Comparator<Double> better = maximize ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<Trial> order = Comparator.comparing(Trial::bestValue, Comparator.nullsLast(better))
                .thenComparingInt(Trial::number);
        List<StudySummary.Bracket> planned = study.plan().brackets();
        List<Bracket> brackets = new ArrayList<>();
        for (int b = 0; b < planned.size(); b++) {
            int index = b;
            List<Trial> members = trials.stream().filter(t -> t.bracket() == index).sorted(order).toList();
            List<StudySummary.Rung> rungs = planned.get(b).rungs();
            List<Rung> rows = new ArrayList<>();
            for (int r = 0; r < rungs.size(); r++) {
                int rung = r;
                boolean last = r == rungs.size() - 1;
                List<Entry> reached = members.stream().filter(t -> rungOf(t) >= rung)
                        .map(t -> new Entry(t.id(), t.number(), t.bestValue(), outcome(t, rung, last),
                                reason(t, rung)))
                        .toList();
                rows.add(new Rung(r, rungs.get(r).epochs(), rungs.get(r).configs(), reached, last));
            }
            brackets.add(new Bracket(b, rows));
        }
        return new BracketTable(brackets);
    }

    public boolean isEmpty() {
        return brackets.isEmpty();
    }

    /** The highest rung the trial was promoted to; 0 if none. */
    static int rungOf(Trial trial) {
        int rung = 0;
        for (Trial.Transition t : trial.timeline()) {
            Matcher m = t.reason() == null ? null : PROMOTED.matcher(t.reason());
            if (m != null && m.find()) {
                rung = Math.max(rung, Integer.parseInt(m.group(1)));
            }
        }
        return rung;
    }

    private static String outcome(Trial trial, int rung, boolean last) {
        if (rungOf(trial) > rung) {
            return "promoted";
        }
        return switch (trial.status()) {
            case "PAUSED" -> "waiting";
            case "QUEUED", "RUNNING", "PENDING" -> "training";
            case "PRUNED" -> "pruned";
            case "FAILED" -> "failed";
            default -> last ? "completed" : "not-promoted";
        };
    }

    /** Why the trial left this rung: the promotion's reason, or the trial's final one. */
    private static String reason(Trial trial, int rung) {
        for (Trial.Transition t : trial.timeline()) {
            Matcher m = t.reason() == null ? null : PROMOTED.matcher(t.reason());
            if (m != null && m.find() && Integer.parseInt(m.group(1)) == rung + 1) {
                return t.reason();
            }
        }
        return rungOf(trial) > rung ? null : trial.statusReason();
    }
}
