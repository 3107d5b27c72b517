package dev.hpo.study.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.hpo.study.service.ModelArchives;
import dev.hpo.study.service.StudyConflictException;
import dev.hpo.study.spec.InvalidRequestException;
import dev.hpo.study.spec.InvalidStudyException;

/** Turns domain errors into problem+json answers. */
public class ExceptionMappers {

    @ServerExceptionMapper
    public Response invalidStudy(InvalidStudyException e) {
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.invalidStudy(e.errors())).build();
    }

    /** Any other body that cannot be answered; a study spec's problems are {@link #invalidStudy}'s. */
    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.invalidRequest(e.errors())).build();
    }

    @ServerExceptionMapper
    public Response conflict(StudyConflictException e) {
        Problem problem = new Problem("https://hpo.dev/problems/conflict",
                e.status() == 429 ? "Too many studies" : "Conflict", e.status(), e.getMessage(), java.util.List.of());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response notFound(StudyNotFoundException e) {
        return Response.status(404).type(Problem.MEDIA_TYPE).entity(Problem.notFound(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response noModel(ModelArchives.ModelNotAvailableException e) {
        return Response.status(404).type(Problem.MEDIA_TYPE).entity(Problem.notFound(e.getMessage())).build();
    }
}
