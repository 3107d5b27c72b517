package dev.hpo.dashboard.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import dev.hpo.dashboard.live.StudyEvents;
import io.smallrye.mutiny.Multi;

/** Every study's events, for the studies and runners pages ({@link EventStreams} tells the format). */
@Path("/events")
public class EventsResource {

    private final StudyEvents events;
    private final EventStreams streams;

    public EventsResource(StudyEvents events, EventStreams streams) {
        this.events = events;
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> all(@Context Sse sse) {
        return streams.of(sse, events.all());
    }
}
