package dev.hpo.study.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.study.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, Long> {

    /**
     * The oldest unpublished messages, locked for this transaction; rows another instance is publishing are
     * skipped, so two relays never send the same message.
     */
    public Uni<List<OutboxMessage>> lockOldest(int limit) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT * FROM outbox ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
                        OutboxMessage.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<Void> persistAll(List<OutboxMessage> messages) {
        return messages.isEmpty() ? Uni.createFrom().voidItem() : persist(messages);
    }
}
