package dev.hpo.study.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.study.Study;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class StudyRepository implements PanacheRepositoryBase<Study, UUID> {

    public Uni<List<Study>> listNewestFirst() {
        return list("order by createdAt desc");
    }
}
