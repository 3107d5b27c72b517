package dev.hpo.study.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.protocol.StudyEvent;
import dev.hpo.study.service.LiveStudyEvents;

/**
 * Reads {@code hpo.study-events} back, in a consumer group of this instance's own from the latest offset, for the
 * server-sent event streams of {@code /api/studies/{id}/events}. An unreadable record is logged and skipped.
 */
@ApplicationScoped
public class StudyEventFeedConsumer {

    public static final String CHANNEL = "study-event-feed";

    private static final Logger LOG = Logger.getLogger(StudyEventFeedConsumer.class);

    private final ObjectMapper json;
    private final LiveStudyEvents live;

    public StudyEventFeedConsumer(ObjectMapper json, LiveStudyEvents live) {
        this.json = json;
        this.live = live;
    }

    @Incoming(CHANNEL)
    public void consume(String message) {
        try {
            StudyEvent event = json.readValue(message, StudyEvent.class);
            if (event.studyId() != null) {
                live.publish(event);
            }
        } catch (JsonProcessingException e) {
            LOG.warnf("skipped a record on hpo.study-events that is not a study event (%s)", e.getOriginalMessage());
        }
    }
}
