package dev.hpo.study.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.common.AffectedEntities;

import dev.hpo.study.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, Long> {

    /**
     * The oldest unpublished messages, locked for this transaction; rows another instance is publishing are
     * skipped, so two relays never send the same message. They are read as plain values, not entities the session
     * would track: the relay only sends and deletes them.
     */
    public Uni<List<OutboxMessage>> lockOldest(int limit) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT id, topic, message_key, payload FROM outbox ORDER BY id LIMIT :limit"
                        + " FOR UPDATE SKIP LOCKED", Object[].class)
                .setParameter("limit", limit)
                .getResultList())
                .map(rows -> rows.stream().map(row -> {
                    OutboxMessage m = OutboxMessage.of((String) row[1], (String) row[2], (String) row[3]);
                    m.id = ((Number) row[0]).longValue();
                    return m;
                }).toList());
    }

    /**
     * Stores messages in the order given ({@code id} rises with it) with one statement, the rows passed as a JSON
     * array: a round trip per message, or a parameter per column, costs more than all the rest of a batch.
     */
    public Uni<Void> persistAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (OutboxMessage m : messages) {
            rows.add(Map.of("topic", m.topic, "key", m.key, "payload", m.payload, "at", m.createdAt.toString()));
        }
        return getSession().chain(session -> session.createNativeQuery(
                        "INSERT INTO outbox (topic, message_key, payload, created_at)"
                                + " SELECT m->>'topic', m->>'key', m->>'payload', CAST(m->>'at' AS timestamptz)"
                                + " FROM json_array_elements(CAST(CAST(?1 AS text) AS json)) WITH ORDINALITY AS r(m, n)"
                                + " ORDER BY n",
                        new AffectedEntities(OutboxMessage.class))
                .setParameter(1, JsonRows.write(rows))
                .executeUpdate())
                .replaceWithVoid();
    }
}
