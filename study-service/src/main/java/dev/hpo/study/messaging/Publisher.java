package dev.hpo.study.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.protocol.StudyEvent;
import dev.hpo.protocol.StudyResult;
import dev.hpo.protocol.TrialControl;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.protocol.Topics;
import dev.hpo.study.OutboxMessage;
import dev.hpo.study.repository.OutboxRepository;
import dev.hpo.study.service.Changes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A transactional outbox. {@link #store} writes what a transaction decided (trial requests, control messages,
 * study events) into the transaction itself; {@link #relay} publishes stored messages in order and deletes them.
 * A crash between commit and publish therefore loses nothing: the next relay (after the next transaction, or the
 * periodic sweep) sends it. Kafka may see a message twice after such a crash; every consumer is idempotent.
 */
@ApplicationScoped
public class Publisher {

    public static final String REQUESTS = "trial-requests";
    public static final String CONTROL = "trial-control";
    public static final String STUDY_EVENTS = "study-events";
    public static final String STUDY_RESULTS = "study-results";

    private static final Logger LOG = Logger.getLogger(Publisher.class);
    private static final int BATCH = 500;

    private final Map<String, MutinyEmitter<String>> emitters;
    private final OutboxRepository outbox;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final AtomicBoolean relaying = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public Publisher(@Channel(REQUESTS) MutinyEmitter<String> requests,
            @Channel(CONTROL) MutinyEmitter<String> control, @Channel(STUDY_EVENTS) MutinyEmitter<String> studyEvents,
            @Channel(STUDY_RESULTS) MutinyEmitter<String> studyResults, OutboxRepository outbox, ObjectMapper json,
            Vertx vertx) {
        this.emitters = Map.of(Topics.TRIAL_REQUESTS, requests, Topics.TRIAL_CONTROL, control,
                Topics.STUDY_EVENTS, studyEvents, Topics.STUDY_RESULTS, studyResults);
        this.outbox = outbox;
        this.json = json;
        this.vertx = vertx;
    }

    /** Stores the messages a transaction decided; call inside that transaction. */
    public Uni<Void> store(Changes changes) {
        return store(List.of(changes));
    }

    /** Stores the messages of several decisions of one transaction, in their order. */
    public Uni<Void> store(List<Changes> decisions) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (Changes changes : decisions) {
            for (TrialControl c : changes.controls()) {
                messages.add(OutboxMessage.of(Topics.TRIAL_CONTROL, c.trialId(), toJson(c)));
            }
            for (TrialRequest r : changes.requests()) {
                messages.add(OutboxMessage.of(Topics.TRIAL_REQUESTS, r.trialId(), toJson(r)));
            }
            for (StudyEvent e : changes.events()) {
                messages.add(OutboxMessage.of(Topics.STUDY_EVENTS, e.studyId(), toJson(e)));
            }
            for (StudyResult r : changes.results()) {
                messages.add(OutboxMessage.of(Topics.STUDY_RESULTS, r.submissionId(), toJson(r)));
            }
        }
        return outbox.persistAll(messages);
    }

    /**
     * Publishes every stored message, oldest first. One relay runs at a time in this process; a call while one
     * runs makes it go round once more, so nothing stored before the call is left behind. Never fails: what it
     * cannot send now stays stored for the sweep, and the caller's own work is already committed.
     */
    public Uni<Void> relay() {
        return relayOnce().onFailure().invoke(e -> LOG.warn("publishing the outbox failed; the sweep retries", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> relayOnce() {
        if (!relaying.compareAndSet(false, true)) {
            again.set(true);
            return Uni.createFrom().voidItem();
        }
        again.set(false);
        return Uni.createFrom().deferred(this::relayBatches)
                .eventually(() -> relaying.set(false))
                .chain(() -> again.get() ? relayOnce() : Uni.createFrom().voidItem());
    }

    /**
     * Hands a batch to the producer in id order without waiting for each acknowledgement before the next send (the
     * producer keeps that order within a partition), then deletes it once all are acknowledged. If any send fails,
     * nothing is deleted and the sweep sends the batch again.
     */
    private Uni<Void> relayBatches() {
        return Panache.withTransaction(() -> outbox.lockOldest(BATCH)
                        .chain(batch -> batch.isEmpty() ? Uni.createFrom().item(0)
                                : Uni.join().all(batch.stream().map(this::send).toList()).andFailFast()
                                        .chain(sent -> outbox.delete("id in ?1", sent.stream().map(m -> m.id).toList())
                                                .map(Long::intValue))))
                .chain(count -> count == BATCH ? relayBatches() : Uni.createFrom().voidItem());
    }

    private Uni<OutboxMessage> send(OutboxMessage m) {
        MutinyEmitter<String> emitter = emitters.get(m.topic);
        if (emitter == null) {
            LOG.errorf("outbox message %d names unknown topic %s; dropped", m.id, m.topic);
            return Uni.createFrom().item(m);
        }
        return emitter.sendMessage(Message.of(m.payload)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(m.key).build()))
                .replaceWith(m);
    }

    /**
     * Starts a relay and returns at once, for callers that need not wait for the messages to be sent (they are
     * stored): it runs on a Vert.x context of its own, so it never shares the caller's session.
     */
    public void relayInBackground() {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> relay().subscribe().with(done -> {
        }));
    }

    /** Catches what a relay missed: a crash after commit, a broker that was down. */
    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return relay();
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(payload.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }
}
