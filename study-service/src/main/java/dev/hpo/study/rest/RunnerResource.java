package dev.hpo.study.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.hpo.study.Trial;
import dev.hpo.study.TrialStatus;
import dev.hpo.study.config.StudyServiceConfig;
import dev.hpo.study.repository.TrialMetricRepository;
import dev.hpo.study.repository.TrialRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The runners that have reported recently, what each trains, and how fast. */
@Path("/api/runners")
@Produces(MediaType.APPLICATION_JSON)
public class RunnerResource {

    static final Duration THROUGHPUT_WINDOW = Duration.ofMinutes(5);

    private final TrialRepository trials;
    private final TrialMetricRepository metrics;
    private final StudyServiceConfig config;

    public RunnerResource(TrialRepository trials, TrialMetricRepository metrics, StudyServiceConfig config) {
        this.trials = trials;
        this.metrics = metrics;
        this.config = config;
    }

    @GET
    @WithSession
    public Uni<List<RunnerView>> list() {
        Instant now = Instant.now();
        return trials.listSeenSince(now.minus(config.runnerAliveWindow()))
                .chain(seen -> metrics.countByRunnerSince(now.minus(THROUGHPUT_WINDOW)).map(epochs -> {
                    Map<String, Trial> latest = new LinkedHashMap<>();
                    for (Trial t : seen) {
                        Trial known = latest.get(t.runnerId);
                        if (known == null || (t.status == TrialStatus.RUNNING && known.status != TrialStatus.RUNNING)) {
                            latest.put(t.runnerId, t);
                        }
                    }
                    List<RunnerView> runners = new ArrayList<>();
                    Instant leaseCutoff = now.minus(config.leaseTimeout());
                    latest.forEach((runner, t) -> {
                        boolean training = t.status == TrialStatus.RUNNING;
                        runners.add(new RunnerView(runner, t.lastSeenAt.isAfter(leaseCutoff), t.lastSeenAt,
                                training ? t.id.toString() : null, training ? t.studyId.toString() : null,
                                training ? t.number : null,
                                epochs.getOrDefault(runner, 0L) / (double) THROUGHPUT_WINDOW.toMinutes()));
                    });
                    return runners;
                }));
    }
}
