package dev.hpo.study.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.protocol.TrialEvent;
import dev.hpo.study.service.TrialEventService;
import io.smallrye.mutiny.Uni;

/**
 * Reads runner events. A message that is not a valid event fails here, and the connector moves it to the
 * dead-letter topic with the error, so one bad message never stops the study-service.
 */
@ApplicationScoped
public class TrialEventConsumer {

    public static final String CHANNEL = "trial-events";
    private static final Logger LOG = Logger.getLogger(TrialEventConsumer.class);

    private final TrialEventService events;
    private final ObjectMapper json;

    public TrialEventConsumer(TrialEventService events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        TrialEvent event;
        try {
            event = json.readValue(payload, TrialEvent.class);
            UUID.fromString(event.trialId());
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            LOG.warnf("a message that is not a trial event goes to the dead-letter topic: %s", e.getMessage());
            return Uni.createFrom().failure(new IllegalArgumentException("not a valid trial event: " + e.getMessage(), e));
        }
        return events.handle(event).onFailure().invoke(e -> LOG.warnf(e,
                "%s of trial %s goes to the dead-letter topic", event.getClass().getSimpleName(), event.trialId()));
    }
}
