package dev.hpo.dashboard.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import dev.hpo.dashboard.client.Importance;
import dev.hpo.dashboard.client.StudyServiceClient;
import dev.hpo.dashboard.client.StudySummary;
import dev.hpo.dashboard.client.Trial;
import dev.hpo.dashboard.config.DashboardConfig;
import dev.hpo.dashboard.view.BracketTable;
import dev.hpo.dashboard.view.LeaderboardPage;
import dev.hpo.dashboard.view.LeaderboardSort;
import dev.hpo.dashboard.view.LeaderboardTable;
import dev.hpo.dashboard.view.LearningCurves;
import dev.hpo.dashboard.view.ParallelCoordinates;
import dev.hpo.dashboard.view.Progress;
import dev.hpo.dashboard.view.RangeTestChart;
import dev.hpo.dashboard.view.StudyCharts;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * A study's page: its facts and progress, a sortable, paginated leaderboard, Hyperband's brackets, and charts
 * whose data the page reads from {@code charts.json}.
 */
@Path("/studies/{id}")
public class StudyResource {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance study(StudySummary study, Progress progress, LeaderboardPage leaderboard,
                BracketTable brackets, Importance importance);
    }

    private final StudyServiceClient studyService;
    private final DashboardConfig config;
    private final ErrorPages errors;

    public StudyResource(@RestClient StudyServiceClient studyService, DashboardConfig config, ErrorPages errors) {
        this.studyService = studyService;
        this.config = config;
        this.errors = errors;
    }

    /**
     * @param sort a leaderboard column ({@link LeaderboardSort}); the ranking when absent
     * @param dir  {@code asc} or {@code desc}
     * @param page 1-based page of {@code hpo.dashboard.page-size} rows
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> study(@PathParam("id") String id, @RestQuery String sort, @RestQuery String dir,
            @RestQuery String page) {
        return studyService.get(id).chain(study -> Uni.combine().all()
                .unis(studyService.leaderboard(id), brackets(study), importance(id)).asTuple()
                .map(parts -> {
                    LeaderboardTable table = LeaderboardTable.of(study.space(), parts.getItem1());
                    boolean maximize = study.objective().maximize();
                    LeaderboardSort order = LeaderboardSort.parse(sort, dir, table.columns(), maximize);
                    LeaderboardPage leaderboard = LeaderboardPage.of(table, order, pageNumber(page),
                            config.pageSize(), study.objective().metric(), maximize);
                    return Response.ok(Templates.study(study, Progress.of(study, parts.getItem1()), leaderboard,
                            parts.getItem2(), parts.getItem3())).build();
                }))
                .onFailure().recoverWithItem(e -> errors.page("study " + id, e));
    }

    /** The data of the study page's charts: learning curves, parallel coordinates, importance. */
    @GET
    @Path("charts.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> charts(@PathParam("id") String id) {
        return studyService.get(id).chain(study -> Uni.combine().all()
                .unis(studyService.trials(id), importance(id)).asTuple()
                .map(parts -> Response.ok(charts(study, parts.getItem1(), parts.getItem2())).build()))
                .onFailure().recoverWithItem(e -> errors.json("study " + id, e));
    }

    private StudyCharts charts(StudySummary study, List<Trial> trials, Importance importance) {
        return new StudyCharts(study.objective().metric(), study.objective().direction(),
                LearningCurves.of(study, trials, config.maxCurves()),
                ParallelCoordinates.of(study, trials, config.maxParallelLines()), importance,
                RangeTestChart.of(study, trials));
    }

    /** Only Hyperband and BOHB have brackets, and only they need every trial's timeline for this page. */
    private Uni<BracketTable> brackets(StudySummary study) {
        if (study.plan() == null || study.plan().brackets() == null) {
            return Uni.createFrom().item(new BracketTable(List.of()));
        }
        return studyService.trials(study.id()).map(trials -> BracketTable.of(study, trials));
    }

    /** {@code null} while study-service cannot estimate it (too few trials, or no such endpoint yet). */
    private Uni<Importance> importance(String id) {
        return studyService.importance(id)
                .map(i -> i == null || i.isEmpty() ? null : i)
                .onFailure().recoverWithNull();
    }

    static int pageNumber(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
