package dev.hpo.dashboard.view;

import dev.hpo.dashboard.client.Runner;

/** A runner on the runners page, with the name of the study it trains for ({@code null} when idle or unknown). */
public record RunnerRow(Runner runner, String studyName) {
}
