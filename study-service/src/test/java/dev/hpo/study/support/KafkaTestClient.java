package dev.hpo.study.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.hpo.embedded.HpoTestInfrastructure;

/** Plain Kafka clients against the test broker: what any producer or consumer outside hpo would do. */
public final class KafkaTestClient {

    private KafkaTestClient() {
    }

    public static void send(String topic, String key, String value) {
        sendAll(topic, key, List.of(value));
    }

    /**
     * Sends {@code values} in order under one key through one producer, so that they arrive together: a new producer
     * per record can leave a second or more between them on a loaded machine.
     */
    public static void sendAll(String topic, String key, List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap()), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + topic + " failed", e);
        }
    }

    /** Reads {@code topic} from the beginning until {@code count} records match, or the timeout passes. */
    public static List<ConsumerRecord<String, String>> await(String topic, Predicate<ConsumerRecord<String, String>> match,
            int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap(),
                "group.id", "test-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                // an unbounded count reads until the timeout
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    /**
     * Waits until a member of a consumer group whose id starts with {@code groupPrefix} holds a partition of
     * {@code topic}: a consumer that starts at the latest offset sees nothing published before then.
     */
    public static void awaitAssigned(String groupPrefix, String topic, Duration timeout) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                List<String> groups = admin.listGroups().all().get().stream().map(GroupListing::groupId)
                        .filter(id -> id.startsWith(groupPrefix)).toList();
                if (!groups.isEmpty() && admin.describeConsumerGroups(groups).all().get().values().stream()
                        .flatMap(group -> group.members().stream())
                        .flatMap(member -> member.assignment().topicPartitions().stream())
                        .anyMatch(partition -> partition.topic().equals(topic))) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + groupPrefix + "*", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the consumer groups " + groupPrefix + "*", e);
        }
        throw new AssertionError("no consumer group " + groupPrefix + "* was assigned " + topic + " within "
                + timeout);
    }

    private static String bootstrap() {
        return HpoTestInfrastructure.get().kafka().bootstrapServers();
    }
}
