package dev.hpo.dashboard.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** study-service's REST API, the dashboard's only source of data. */
@RegisterRestClient(configKey = "study-service")
@Path("/api/studies")
public interface StudyServiceClient {

    @GET
    Uni<List<StudySummary>> list();

    @GET
    @Path("{id}")
    Uni<StudySummary> get(@PathParam("id") String id);

    @GET
    @Path("{id}/leaderboard")
    Uni<List<LeaderboardRow>> leaderboard(@PathParam("id") String id);
}
