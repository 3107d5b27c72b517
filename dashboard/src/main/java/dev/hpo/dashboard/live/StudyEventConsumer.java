package dev.hpo.dashboard.live;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.protocol.StudyEvent;

/**
 * Reads {@code hpo.study-events} and hands each event on. Every dashboard instance reads every event (its own
 * consumer group, from the latest offset): each one serves its own browsers. A message that cannot be read is
 * logged and skipped; it never stops the channel.
 */
@ApplicationScoped
public class StudyEventConsumer {

    /** The channel, configured in {@code application.properties}. */
    public static final String CHANNEL = "study-events";

    private static final Logger LOG = Logger.getLogger(StudyEventConsumer.class);

    private final ObjectMapper json;
    private final StudyEvents events;

    public StudyEventConsumer(ObjectMapper json, StudyEvents events) {
        this.json = json;
        this.events = events;
    }

    @Incoming(CHANNEL)
    public void consume(String message) {
        StudyEvent event;
        try {
            event = json.readValue(message, StudyEvent.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("skipped a study event that is not one: %s (%s)", abbreviate(message), e.getOriginalMessage());
            return;
        }
        if (event.studyId() == null) {
            LOG.warnf("skipped a study event without a study id: %s", abbreviate(message));
            return;
        }
        events.publish(event);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
