package dev.hpo.dashboard.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.dashboard.config.DashboardConfig;
import dev.hpo.protocol.StudyEvent;
import io.smallrye.mutiny.Multi;

/**
 * Study events as server-sent events: each {@link StudyEvent} as an event named by its kind, with the event as
 * JSON. A stream opens with a {@code ready} event and carries a {@code ping} event every
 * {@code hpo.dashboard.heartbeat}, so idle connections stay open and closed ones are noticed.
 */
@ApplicationScoped
public class EventStreams {

    static final String READY = "ready";
    static final String PING = "ping";

    private final DashboardConfig config;
    private final ObjectMapper json;

    public EventStreams(DashboardConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    Multi<OutboundSseEvent> of(Sse sse, Multi<StudyEvent> source) {
        Multi<OutboundSseEvent> ready = Multi.createFrom().item(() -> event(sse, READY, "{}"));
        Multi<OutboundSseEvent> changes = source.map(e -> event(sse, e.kind(), write(e)));
        Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(config.heartbeat())
                .map(tick -> event(sse, PING, "{}"));
        return Multi.createBy().merging().streams(ready, changes, pings);
    }

    private static OutboundSseEvent event(Sse sse, String name, String data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE).data(data).build();
    }

    private String write(StudyEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a study event could not be written as JSON", e);
        }
    }
}
