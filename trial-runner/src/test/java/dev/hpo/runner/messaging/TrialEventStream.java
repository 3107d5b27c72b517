package dev.hpo.runner.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.Topics;
import dev.hpo.protocol.TrialEvent;

/**
 * The events of one trial, read by a consumer that is subscribed and assigned before the test sends anything, so
 * a test can react to an event within a poll interval (as study-service would). Heartbeats, which come at any time
 * between {@code Started} and the end (every 200 ms in tests), are left out unless asked for.
 */
final class TrialEventStream implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper json;
    private final String trialId;
    private final boolean heartbeats;
    private final Deque<TrialEvent> unread = new ArrayDeque<>();

    private TrialEventStream(ObjectMapper json, String trialId, boolean heartbeats) {
        this.json = json;
        this.trialId = trialId;
        this.heartbeats = heartbeats;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, HpoTestInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "trial-runner-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(Topics.TRIAL_EVENTS));
    }

    /** Opens the stream of the trial's events other than heartbeats, once it is assigned its partitions. */
    static TrialEventStream open(ObjectMapper json, String trialId) {
        return open(json, trialId, false);
    }

    /** Opens the stream of all the trial's events, heartbeats included. */
    static TrialEventStream withHeartbeats(ObjectMapper json, String trialId) {
        return open(json, trialId, true);
    }

    private static TrialEventStream open(ObjectMapper json, String trialId, boolean heartbeats) {
        TrialEventStream stream = new TrialEventStream(json, trialId, heartbeats);
        long deadline = System.nanoTime() + TestKafka.WAIT.toNanos();
        while (stream.consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                stream.close();
                throw new AssertionError("no partitions of " + Topics.TRIAL_EVENTS + " assigned within "
                        + TestKafka.WAIT);
            }
            stream.poll();
        }
        return stream;
    }

    /** The trial's next events, up to and including the first that matches {@code last}. */
    List<TrialEvent> until(Predicate<TrialEvent> last) {
        List<TrialEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + TestKafka.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            while (!unread.isEmpty()) {
                TrialEvent event = unread.poll();
                events.add(event);
                if (last.test(event)) {
                    return events;
                }
            }
            poll();
        }
        throw new AssertionError("no final event for trial " + trialId + " within " + TestKafka.WAIT + "; got "
                + events);
    }

    /** The trial's next events up to the end of the request: {@code Completed}, {@code Stopped} or {@code Failed}. */
    List<TrialEvent> untilTheEnd() {
        return until(event -> event instanceof TrialEvent.Completed || event instanceof TrialEvent.Stopped
                || event instanceof TrialEvent.Failed);
    }

    /** Whatever arrives for the trial within {@code time}. */
    List<TrialEvent> during(Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        List<TrialEvent> events = new ArrayList<>(unread);
        unread.clear();
        return events;
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
            if (trialId.equals(record.key())) {
                TrialEvent event = parse(record.value());
                if (heartbeats || !(event instanceof TrialEvent.Heartbeat)) {
                    unread.add(event);
                }
            }
        }
    }

    private TrialEvent parse(String value) {
        try {
            return json.readValue(value, TrialEvent.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a trial event: " + value, e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
