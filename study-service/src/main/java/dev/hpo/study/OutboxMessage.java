package dev.hpo.study;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Kafka message decided by a committed transaction and not yet published. */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String topic;

    @Column(name = "message_key")
    public String key;

    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    public static OutboxMessage of(String topic, String key, String payload) {
        OutboxMessage m = new OutboxMessage();
        m.topic = topic;
        m.key = key;
        m.payload = payload;
        m.createdAt = Instant.now();
        return m;
    }
}
