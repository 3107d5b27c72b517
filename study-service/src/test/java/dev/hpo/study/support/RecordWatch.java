package dev.hpo.study.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.hpo.embedded.HpoTestInfrastructure;

/**
 * A consumer that is already polling when a measurement starts, as an idle runner is: it reads the given topics
 * from their current end on a thread of its own and notes when each record arrived ({@link System#nanoTime()} and the
 * wall clock).
 */
public final class RecordWatch implements AutoCloseable {

    /** A record as it arrived. */
    public record Arrival(String topic, String key, String value, long nanos, Instant at) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;
    private final List<Arrival> arrivals = new ArrayList<>();
    private volatile boolean running = true;

    public RecordWatch(String... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", HpoTestInfrastructure.get().kafka().bootstrapServers(),
                "group.id", "watch-" + UUID.randomUUID(),
                "enable.auto.commit", "false",
                "fetch.max.wait.ms", "100"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolves the end now, so nothing sent from here on is missed
        poller = new Thread(this::poll, "record-watch");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Arrival arrival = new Arrival(r.topic(), r.key(), r.value(), System.nanoTime(),
                            Instant.now());
                    synchronized (arrivals) {
                        arrivals.add(arrival);
                        arrivals.notifyAll();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Removes and returns the first arrival that matches, waiting for it up to {@code timeout}. */
    public Arrival take(Predicate<Arrival> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                for (Iterator<Arrival> it = arrivals.iterator(); it.hasNext(); ) {
                    Arrival a = it.next();
                    if (match.test(a)) {
                        it.remove();
                        return a;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching record within " + timeout);
                }
                try {
                    arrivals.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Removes and returns every arrival so far that matches. */
    public List<Arrival> drain(Predicate<Arrival> match) {
        List<Arrival> taken = new ArrayList<>();
        synchronized (arrivals) {
            for (Iterator<Arrival> it = arrivals.iterator(); it.hasNext(); ) {
                Arrival a = it.next();
                if (match.test(a)) {
                    it.remove();
                    taken.add(a);
                }
            }
        }
        return taken;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5_000);
    }
}
