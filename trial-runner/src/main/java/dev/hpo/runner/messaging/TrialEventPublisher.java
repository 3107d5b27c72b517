package dev.hpo.runner.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import dev.hpo.protocol.TrialEvent;
import dev.hpo.runner.config.RunnerConfig;
import dev.hpo.runner.training.EventPublishingException;
import dev.hpo.runner.training.TrialEventSink;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends trial events as JSON records keyed by trial id, so all events of a trial share a partition and keep
 * their order. Each send waits for Kafka's acknowledgement on the calling (worker) thread: without that wait a
 * retried earlier event could land after a later one.
 */
@ApplicationScoped
public class TrialEventPublisher implements TrialEventSink {

    public static final String CHANNEL = "trial-events";

    private final Emitter<String> emitter;
    private final ObjectWriter writer;
    private final Duration timeout;

    public TrialEventPublisher(@Channel(CHANNEL) Emitter<String> emitter, ObjectMapper mapper, RunnerConfig config) {
        this.emitter = emitter;
        this.writer = mapper.writerFor(TrialEvent.class);
        this.timeout = config.eventSendTimeout();
    }

    @Override
    public void publish(TrialEvent event) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        Message<String> message = Message.of(json(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.trialId()).build())
                .withAck(() -> {
                    stored.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    stored.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        await(stored, event);
    }

    private String json(TrialEvent event) {
        try {
            return writer.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new EventPublishingException("cannot write " + event + " as JSON", e);
        }
    }

    private void await(CompletableFuture<Void> stored, TrialEvent event) {
        String what = event.getClass().getSimpleName() + " of trial " + event.trialId();
        try {
            stored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EventPublishingException("Kafka refused " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new EventPublishingException("Kafka did not acknowledge " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishingException("interrupted while sending " + what, e);
        }
    }
}
