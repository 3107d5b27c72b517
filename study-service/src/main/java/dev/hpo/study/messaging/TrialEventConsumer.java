package dev.hpo.study.messaging;

import java.time.Duration;
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

    /** About two and a half minutes of backoff: a database restart, not a dead one. */
    static final int RETRIES = 36;
    private static final Logger LOG = Logger.getLogger(TrialEventConsumer.class);

    private final TrialEventService events;
    private final ObjectMapper json;

    public TrialEventConsumer(TrialEventService events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /**
     * Failures of our own logic (a bad event, a broken invariant) will fail again; anything else (the database
     * or the broker briefly away, a lost race on a unique key) is worth another try before the event is parked.
     */
    static boolean isTransient(Throwable e) {
        return !(e instanceof IllegalArgumentException || e instanceof IllegalStateException);
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
        return events.handle(event)
                .onFailure(TrialEventConsumer::isTransient).invoke(e -> LOG.warnf("%s of trial %s: %s; retrying",
                        event.getClass().getSimpleName(), event.trialId(), e.toString()))
                .onFailure(TrialEventConsumer::isTransient).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(RETRIES)
                .onFailure().invoke(e -> LOG.errorf(e, "%s of trial %s goes to the dead-letter topic",
                        event.getClass().getSimpleName(), event.trialId()));
    }
}
