package dev.hpo.dashboard.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.client.Trial;

/**
 * A learning-rate range test's curve for its chart: the smoothed and the batch loss against the learning rate
 * (drawn on a log axis), the rate where the loss exploded, and the suggested range once the test is done.
 *
 * @param smoothed   [learning rate, smoothed loss] per measured step
 * @param loss       [learning rate, batch loss] per measured step
 * @param divergedLr the rate of the first step after the loss exploded, or {@code null}
 * @param suggested  the suggested range, or {@code null} while the test runs
 */
public record RangeTestChart(List<double[]> smoothed, List<double[]> loss, Double divergedLr,
        StudySummary.SuggestedRange suggested) {

    /** The chart of a range test study's single trial (its latest attempt); {@code null} for other studies. */
    public static RangeTestChart of(StudySummary study, List<Trial> trials) {
        if (!study.rangeTest()) {
            return null;
        }
        List<double[]> smoothed = new ArrayList<>();
        List<double[]> loss = new ArrayList<>();
        Double diverged = null;
        for (Trial trial : trials) {
            int attempt = trial.epochs().stream().mapToInt(Trial.Epoch::attempt).max().orElse(0);
            List<Trial.Epoch> steps = trial.epochs().stream().filter(e -> e.attempt() == attempt)
                    .sorted(Comparator.comparingInt(Trial.Epoch::epoch)).toList();
            for (Trial.Epoch step : steps) {
                Double rate = step.metric("learning_rate");
                if (rate == null) {
                    continue;
                }
                if (step.metric("diverged") != null) {
                    diverged = diverged == null ? rate : diverged;
                    continue;
                }
                if (step.metric("smoothed_loss") != null) {
                    smoothed.add(new double[] {rate, step.metric("smoothed_loss")});
                }
                if (step.metric("loss") != null) {
                    loss.add(new double[] {rate, step.metric("loss")});
                }
            }
        }
        return new RangeTestChart(smoothed, loss, diverged, study.suggestedRange());
    }
}
