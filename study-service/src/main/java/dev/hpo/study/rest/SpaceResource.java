package dev.hpo.study.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.hpo.study.spec.SpaceSuggestion;
import dev.hpo.study.spec.StudySpecReader;

/** Search spaces to start from. */
@Path("/api/spaces")
@Produces(MediaType.APPLICATION_JSON)
public class SpaceResource {

    /**
     * A starting {@code space} for a built-in model builder, from the data's input and output sizes, with the
     * reason for each range. Stores nothing. The body is read as text so that a wrong field gets a problem naming
     * it, as for a study spec.
     */
    @POST
    @Path("suggest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A starting search space for a model builder, with the reason for each range")
    public SpaceSuggestion.Suggested suggest(String body) {
        return SpaceSuggestion.suggest(StudySpecReader.parse(body, SpaceSuggestion.Request.class,
                "{\"inputSize\": …, \"outputSize\": …}"));
    }
}
