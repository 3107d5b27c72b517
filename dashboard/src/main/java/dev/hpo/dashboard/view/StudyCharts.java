package dev.hpo.dashboard.view;

import dev.hpo.dashboard.client.Importance;

/**
 * What the study page's charts draw, served as JSON so the page can redraw them when the study changes.
 *
 * @param importance {@code null} until study-service can estimate it
 */
public record StudyCharts(String metric, String direction, LearningCurves curves, ParallelCoordinates parallel,
        Importance importance) {
}
