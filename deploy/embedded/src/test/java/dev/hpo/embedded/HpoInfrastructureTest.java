package dev.hpo.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HpoInfrastructureTest {

    @TempDir
    Path directory;

    @Test
    void recordsAndRowsSurviveARestartOverTheSameDirectory() throws Exception {
        try (HpoInfrastructure infra = HpoInfrastructure.start(directory, 0, 0)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.kafka().bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get();
                assertTrue(topics.containsAll(HpoInfrastructure.TOPICS.keySet()), topics.toString());
                assertEquals(8, admin.describeTopics(List.of("hpo.trial-requests")).allTopicNames().get()
                        .get("hpo.trial-requests").partitions().size());
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", infra.kafka().bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("hpo.study-events", "k", "hello")).get();
            }
            try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl("hpo"), "postgres", "");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('row')");
            }
        }

        try (HpoInfrastructure infra = HpoInfrastructure.start(directory, 0, 0)) {
            assertEquals(List.of("hello"), readAll(infra.kafka().bootstrapServers(), "hpo.study-events"));
            try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl("hpo"), "postgres", "");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next());
                assertEquals("row", rs.getString(1));
            }
        }
    }

    @Test
    void secondServerOnTheSameDirectoryIsRefused() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(directory.resolve("kafka"), 0)) {
            IOException error = assertThrows(IOException.class,
                    () -> EmbeddedKafka.start(directory.resolve("kafka"), 0));
            assertTrue(error.getMessage().contains("in use"), error.getMessage());
        }
    }

    private static List<String> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrap, "group.id", "reader", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return java.util.stream.StreamSupport.stream(records.spliterator(), false)
                            .map(ConsumerRecord::value).toList();
                }
            }
            return List.of();
        }
    }
}
