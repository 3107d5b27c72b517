package dev.hpo.dashboard.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.hpo.dashboard.client.StudyServiceClient;
import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.view.Progress;
import dev.hpo.dashboard.view.StudyRow;
import io.smallrye.mutiny.Uni;

/**
 * The progress of listed studies. It takes two reads per study (the plan's budget, the epochs run), so the
 * progress of a completed or cancelled study, which cannot change, is kept once read.
 */
@ApplicationScoped
public class ProgressService {

    static final int MAX_KEPT = 10_000;
    static final int CONCURRENT_READS = 8;

    private final StudyServiceClient studyService;
    private final Map<String, Progress> completed = new ConcurrentHashMap<>();

    public ProgressService(@RestClient StudyServiceClient studyService) {
        this.studyService = studyService;
    }

    /** Each study with its progress, in the given order; a study whose progress cannot be read gets none. */
    public Uni<List<StudyRow>> rows(List<StudySummary> studies) {
        if (studies.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<StudyRow>> rows = studies.stream().map(this::row).toList();
        return Uni.join().all(rows).usingConcurrencyOf(CONCURRENT_READS).andFailFast();
    }

    private Uni<StudyRow> row(StudySummary study) {
        Progress known = completed.get(study.id());
        if (known != null) {
            return Uni.createFrom().item(new StudyRow(study, known));
        }
        return studyService.get(study.id())
                .chain(detail -> studyService.leaderboard(study.id()).map(rows -> Progress.of(detail, rows)))
                .invoke(progress -> keepIfFinal(study, progress))
                .map(progress -> new StudyRow(study, progress))
                .onFailure().recoverWithItem(new StudyRow(study, null));
    }

    private void keepIfFinal(StudySummary study, Progress progress) {
        if ("COMPLETED".equals(study.status()) || "CANCELLED".equals(study.status())) {
            if (completed.size() >= MAX_KEPT) {
                completed.clear();
            }
            completed.put(study.id(), progress);
        }
    }
}
