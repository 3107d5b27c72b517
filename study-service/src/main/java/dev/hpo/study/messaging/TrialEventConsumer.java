package dev.hpo.study.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.protocol.TrialEvent;
import dev.hpo.study.service.TrialEventService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Reads runner events, a poll's worth at a time, and has them applied in one transaction. A message that is not a
 * valid event is moved to the dead-letter topic with the error, so one bad message never stops the study-service.
 * If the batch fails as a whole, its events are applied one by one, each retried on its own; one that still fails
 * goes to the dead-letter topic and the others are applied.
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

    /** An event and the record it came in. */
    private record Received(KafkaRecord<String, String> record, TrialEvent event) {
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Received> valid = new ArrayList<>();
        List<Uni<Void>> rejected = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                valid.add(new Received(record, parse(record.getPayload())));
            } catch (IllegalArgumentException e) {
                rejected.add(Uni.createFrom().completionStage(() -> record.nack(e)));
            }
        }
        Uni<Void> applied = valid.isEmpty() ? Uni.createFrom().voidItem()
                : events.handleAll(valid.stream().map(Received::event).toList())
                        .onFailure().recoverWithUni(e -> {
                            LOG.warnf("a batch of %d events failed (%s); applying them one by one", valid.size(),
                                    e.toString());
                            return oneByOne(valid);
                        });
        return Multi.createFrom().iterable(rejected).onItem().transformToUniAndConcatenate(u -> u).collect().last()
                .chain(() -> applied)
                .chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** Reads a trial event; anything else is an {@link IllegalArgumentException} that names what is wrong. */
    TrialEvent parse(String payload) {
        try {
            TrialEvent event = json.readValue(payload, TrialEvent.class);
            UUID.fromString(event.trialId());
            return event;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            LOG.warnf("a message that is not a trial event goes to the dead-letter topic: %s", e.getMessage());
            throw new IllegalArgumentException("not a valid trial event: " + e.getMessage(), e);
        }
    }

    private Uni<Void> oneByOne(List<Received> received) {
        return Multi.createFrom().iterable(received)
                .onItem().transformToUniAndConcatenate(r -> handle(r.event())
                        .onFailure().recoverWithUni(e -> Uni.createFrom().completionStage(() -> r.record().nack(e))))
                .collect().last();
    }

    private Uni<Void> handle(TrialEvent event) {
        return events.handle(event)
                .onFailure(TrialEventConsumer::isTransient).invoke(e -> LOG.warnf("%s of trial %s: %s; retrying",
                        event.getClass().getSimpleName(), event.trialId(), e.toString()))
                .onFailure(TrialEventConsumer::isTransient).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(RETRIES)
                .onFailure().invoke(e -> LOG.errorf(e, "%s of trial %s goes to the dead-letter topic",
                        event.getClass().getSimpleName(), event.trialId()));
    }
}
