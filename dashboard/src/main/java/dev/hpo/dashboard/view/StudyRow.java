package dev.hpo.dashboard.view;

import dev.hpo.dashboard.client.StudySummary;

/** A study on the studies page, with how far it has come ({@code null} when that could not be read). */
public record StudyRow(StudySummary study, Progress progress) {
}
