package dev.hpo.study.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.protocol.TrialRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Sends trial requests to the runners, keyed by trial id so that Kafka spreads them over its partitions. */
@ApplicationScoped
public class TrialRequestPublisher {

    public static final String CHANNEL = "trial-requests";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public TrialRequestPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> publish(List<TrialRequest> requests) {
        if (requests.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(requests)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last();
    }

    private Uni<Void> send(TrialRequest request) {
        Message<String> message = Message.of(toJson(request))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(request.trialId()).build());
        return emitter.sendMessage(message);
    }

    private String toJson(TrialRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trial request cannot be written as JSON", e);
        }
    }
}
