package dev.hpo.dashboard.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.hpo.dashboard.live.StudyEvents;
import io.smallrye.mutiny.Multi;

/** One study's events, for its page and its trials' pages ({@link EventStreams} tells the format). */
@Path("/studies/{id}/events")
public class StudyEventsResource {

    private final StudyEvents events;
    private final EventStreams streams;

    public StudyEventsResource(StudyEvents events, EventStreams streams) {
        this.events = events;
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> study(@PathParam("id") String id, @Context Sse sse) {
        return streams.of(sse, events.of(id));
    }
}
