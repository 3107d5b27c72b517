package dev.hpo.study.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.JsonNode;

import dev.hpo.study.spec.StudySchema;

/** The JSON Schema of a study spec, for editors, pipelines and code generators. */
@Path("/api/schema")
public class SchemaResource {

    public static final String SCHEMA_JSON = "application/schema+json";

    private static final JsonNode STUDY = StudySchema.generate();

    @GET
    @Path("/study.json")
    @Produces({SCHEMA_JSON, "application/json"})
    @Operation(summary = "The JSON Schema (draft 2020-12) of a study spec")
    public JsonNode study() {
        return STUDY;
    }
}
