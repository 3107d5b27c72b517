package dev.hpo.dashboard.view;

import dev.hpo.dashboard.client.Importance;

/**
 * What the study page's charts draw, served as JSON so the page can redraw them when the study changes.
 *
 * @param importance {@code null} until study-service can estimate it
 * @param rangeTest  a learning-rate range test's curve; {@code null} for other studies
 */
public record StudyCharts(String metric, String direction, LearningCurves curves, ParallelCoordinates parallel,
        Importance importance, RangeTestChart rangeTest) {
}
