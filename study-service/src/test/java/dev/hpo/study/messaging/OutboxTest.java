package dev.hpo.study.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.hpo.embedded.HpoInfrastructure;
import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.study.support.KafkaTestClient;
import dev.hpo.study.support.Poll;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
class OutboxTest {

    @Test
    void messageCommittedButNeverPublishedIsSentByTheSweepAndRemoved() throws Exception {
        // what a crash between commit and publish leaves behind
        String key = "orphan-" + UUID.randomUUID();
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO outbox (topic, message_key, payload, created_at) VALUES (?, ?, ?, now())")) {
            insert.setString(1, "hpo.study-events");
            insert.setString(2, key);
            insert.setString(3, "{\"kind\":\"StudyCreated\",\"studyId\":\"" + key + "\"}");
            insert.executeUpdate();
        }

        assertEquals(1, KafkaTestClient.await("hpo.study-events", r -> key.equals(r.key()), 1,
                Duration.ofSeconds(30)).size());
        Poll.until("outbox row to be deleted", Duration.ofSeconds(10), OutboxTest::rowsFor,
                n -> n == 0);
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(HpoTestInfrastructure.get().postgres().jdbcUrl(HpoInfrastructure.DATABASE),
                "postgres", "");
    }

    private static Integer rowsFor() {
        try (Connection c = connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM outbox WHERE message_key LIKE 'orphan-%'")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
