package dev.hpo.dashboard.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.client.Trial;

/**
 * The objective per epoch, one line per trial, for the study page's chart. Large studies draw at most
 * {@code limit} lines: trials still training first, then the best.
 *
 * @param trials trials that have reported an epoch; {@code lines.size()} of them are drawn
 * @param rungs  epochs where the algorithm decides on promotions, drawn as vertical markers
 */
public record LearningCurves(String metric, int trials, List<Line> lines, List<Integer> rungs) {

    /**
     * @param points {@code [epoch, value]} pairs in epoch order; for an epoch trained again after a lost runner,
     *               the latest attempt's value
     * @param pruned whether an early-stopping rule stopped it (its last point is where)
     */
    public record Line(String trialId, int number, String status, boolean best, boolean pruned,
            List<double[]> points) {
    }

    public static LearningCurves of(StudySummary study, List<Trial> trials, int limit) {
        String metric = study.objective().metric();
        String bestId = study.best() == null ? null : study.best().trialId();
        Comparator<Double> better = study.objective().maximize() ? Comparator.reverseOrder()
                : Comparator.naturalOrder();
        List<Trial> reported = trials.stream().filter(t -> !t.epochs().isEmpty()).toList();
        List<Trial> chosen = reported.stream()
                .sorted(Comparator.comparing((Trial t) -> !training(t))
                        .thenComparing(t -> !Objects.equals(t.id(), bestId))
                        .thenComparing(Trial::bestValue, Comparator.nullsLast(better))
                        .thenComparingInt(Trial::number))
                .limit(limit)
                .sorted(Comparator.comparingInt(Trial::number))
                .toList();
        List<Line> lines = new ArrayList<>(chosen.size());
        for (Trial t : chosen) {
            lines.add(new Line(t.id(), t.number(), t.status(), Objects.equals(t.id(), bestId),
                    "PRUNED".equals(t.status()), points(t, metric)));
        }
        return new LearningCurves(metric, reported.size(), lines, RungEpochs.of(study));
    }

    private static boolean training(Trial t) {
        return "RUNNING".equals(t.status()) || "QUEUED".equals(t.status());
    }

    /** One value per epoch, the latest attempt's. */
    static List<double[]> points(Trial trial, String metric) {
        Map<Integer, Trial.Epoch> latest = new TreeMap<>();
        for (Trial.Epoch e : trial.epochs()) {
            latest.merge(e.epoch(), e, (a, b) -> b.attempt() >= a.attempt() ? b : a);
        }
        List<double[]> points = new ArrayList<>(latest.size());
        latest.forEach((epoch, e) -> {
            Double value = e.metric(metric);
            if (value != null && Double.isFinite(value)) {
                points.add(new double[] {epoch, value});
            }
        });
        return points;
    }
}
