package dev.hpo.dashboard.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.hpo.dashboard.client.Trial;

/**
 * A trial's reported epochs: every attempt's rows for the table, and the latest attempt's value per epoch for the
 * curves.
 *
 * @param names  the metrics in a fixed order: loss, accuracy, val_loss, val_accuracy, then any others by name
 * @param rows   every reported epoch, in epoch then attempt order
 * @param epochs the epochs the curves run over
 * @param series per metric, one value per epoch in {@code epochs} ({@code null} where missing)
 */
public record TrialMetrics(List<String> names, List<Row> rows, List<Integer> epochs, Map<String, List<Double>> series) {

    static final List<String> KNOWN = List.of("loss", "accuracy", "val_loss", "val_accuracy");

    /**
     * @param superseded whether a later attempt trained this epoch again, so its value is not the trial's
     */
    public record Row(int epoch, int attempt, List<Double> values, double seconds, boolean superseded) {
    }

    public static TrialMetrics of(Trial trial) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> others = new TreeSet<>();
        trial.epochs().forEach(e -> {
            if (e.metrics() != null) {
                others.addAll(e.metrics().keySet());
            }
        });
        KNOWN.stream().filter(others::contains).forEach(names::add);
        names.addAll(others);
        Map<Integer, Trial.Epoch> latest = new TreeMap<>();
        trial.epochs().forEach(e -> latest.merge(e.epoch(), e, (a, b) -> b.attempt() >= a.attempt() ? b : a));
        List<Row> rows = new ArrayList<>();
        trial.epochs().stream()
                .sorted(Comparator.comparingInt(Trial.Epoch::epoch).thenComparingInt(Trial.Epoch::attempt))
                .forEach(e -> rows.add(new Row(e.epoch(), e.attempt(), names.stream().map(e::metric).toList(),
                        e.seconds(), latest.get(e.epoch()) != e)));
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String name : names) {
            series.put(name, latest.values().stream().map(e -> e.metric(name)).toList());
        }
        return new TrialMetrics(List.copyOf(names), rows, List.copyOf(latest.keySet()), series);
    }
}
