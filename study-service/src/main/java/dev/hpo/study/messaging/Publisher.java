package dev.hpo.study.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.protocol.StudyEvent;
import dev.hpo.protocol.TrialControl;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.service.Changes;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends what a committed transaction decided: trial requests to the runners (keyed by trial id, so Kafka spreads
 * them over its partitions and keeps each trial's order), control messages to every runner, and study events to
 * the dashboards.
 */
@ApplicationScoped
public class Publisher {

    public static final String REQUESTS = "trial-requests";
    public static final String CONTROL = "trial-control";
    public static final String STUDY_EVENTS = "study-events";

    private final MutinyEmitter<String> requests;
    private final MutinyEmitter<String> control;
    private final MutinyEmitter<String> studyEvents;
    private final ObjectMapper json;

    public Publisher(@Channel(REQUESTS) MutinyEmitter<String> requests,
            @Channel(CONTROL) MutinyEmitter<String> control, @Channel(STUDY_EVENTS) MutinyEmitter<String> studyEvents,
            ObjectMapper json) {
        this.requests = requests;
        this.control = control;
        this.studyEvents = studyEvents;
        this.json = json;
    }

    public Uni<Void> publish(Changes changes) {
        List<Uni<Void>> sends = new ArrayList<>();
        for (TrialControl c : changes.controls()) {
            sends.add(send(control, c.trialId(), c));
        }
        for (TrialRequest r : changes.requests()) {
            sends.add(send(requests, r.trialId(), r));
        }
        for (StudyEvent e : changes.events()) {
            sends.add(send(studyEvents, e.studyId(), e));
        }
        if (sends.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(sends).onItem().transformToUniAndConcatenate(u -> u).collect().last();
    }

    private Uni<Void> send(MutinyEmitter<String> emitter, String key, Object payload) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(toJson(payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())));
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(payload.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }
}
