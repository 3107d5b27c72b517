package dev.hpo.dashboard.view;

import java.util.List;
import java.util.Locale;

import dev.hpo.dashboard.client.StudySummary;

/**
 * The studies page's filter, from its query parameters: a status, and text the name must contain (either case).
 *
 * @param status a study status, or empty for any
 * @param name   text to look for, or empty for any
 */
public record StudyFilter(String status, String name) {

    /** The statuses the filter offers; study-service's own. */
    public static final List<String> STATUSES = List.of("RUNNING", "COMPLETED", "CANCELLED");

    public static StudyFilter of(String status, String name) {
        return new StudyFilter(status == null ? "" : status.trim().toUpperCase(Locale.ROOT),
                name == null ? "" : name.trim());
    }

    public boolean matches(StudySummary study) {
        return (status.isEmpty() || status.equalsIgnoreCase(study.status()))
                && (name.isEmpty() || study.name() != null
                        && study.name().toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT)));
    }

    public boolean isActive() {
        return !status.isEmpty() || !name.isEmpty();
    }

    public List<String> statuses() {
        return STATUSES;
    }
}
