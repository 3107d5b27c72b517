package dev.hpo.dashboard.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** study-service's REST API, the dashboard's only source of data. */
@RegisterRestClient(configKey = "study-service")
@Path("/api")
public interface StudyServiceClient {

    @GET
    @Path("studies")
    Uni<List<StudySummary>> list();

    @GET
    @Path("studies/{id}")
    Uni<StudySummary> get(@PathParam("id") String id);

    @GET
    @Path("studies/{id}/leaderboard")
    Uni<List<LeaderboardRow>> leaderboard(@PathParam("id") String id);

    @GET
    @Path("studies/{id}/trials")
    Uni<List<Trial>> trials(@PathParam("id") String id);

    /** 404 or an empty list while the study has too few trials to tell (or study-service does not serve it yet). */
    @GET
    @Path("studies/{id}/importance")
    Uni<Importance> importance(@PathParam("id") String id);

    /** 404 where study-service does not serve runner status (yet). */
    @GET
    @Path("runners")
    Uni<List<Runner>> runners();
}
