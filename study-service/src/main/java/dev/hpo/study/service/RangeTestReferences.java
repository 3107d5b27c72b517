package dev.hpo.study.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hpo.study.Study;
import dev.hpo.study.StudyStatus;
import dev.hpo.study.algorithm.RangeTestAnalysis;
import dev.hpo.study.repository.StudyRepository;
import dev.hpo.study.repository.TrialMetricRepository;
import dev.hpo.study.spec.InvalidStudyException;
import dev.hpo.study.spec.StudySpec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes the suggested range of a finished learning-rate range test into a submitted spec, where its
 * {@code learning_rate} says {@code {"fromRangeTest": "<study id>"}}: the search then covers the useful decades
 * only. Done before validation, so the stored spec holds the range itself and re-runs the same search.
 */
@ApplicationScoped
public class RangeTestReferences {

    static final String FIELD = "fromRangeTest";

    private final StudyRepository studies;
    private final TrialMetricRepository metrics;
    private final ObjectMapper json;

    public RangeTestReferences(StudyRepository studies, TrialMetricRepository metrics, ObjectMapper json) {
        this.studies = studies;
        this.metrics = metrics;
        this.json = json;
    }

    /** The spec with every reference replaced; the text unchanged when it has none or is not JSON. */
    public Uni<String> resolve(String spec) {
        JsonNode root;
        try {
            root = json.readTree(spec);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(spec); // the reader reports it
        }
        if (!(root instanceof ObjectNode object) || !(object.get("space") instanceof ObjectNode space)) {
            return Uni.createFrom().item(spec);
        }
        List<Map.Entry<String, JsonNode>> references = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = space.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().has(FIELD)) {
                references.add(entry);
            }
        }
        if (references.isEmpty()) {
            return Uni.createFrom().item(spec);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, JsonNode> reference : references) {
            chain = chain.chain(() -> replace(space, reference.getKey(), (ObjectNode) reference.getValue()));
        }
        return chain.map(done -> object.toString());
    }

    private Uni<Void> replace(ObjectNode space, String name, ObjectNode parameter) {
        String path = "space." + name + "." + FIELD;
        if (!"learning_rate".equals(name)) {
            return invalid(path, "only learning_rate can take its range from a learning-rate range test");
        }
        UUID id;
        try {
            id = UUID.fromString(parameter.path(FIELD).asText());
        } catch (IllegalArgumentException e) {
            return invalid(path, "must be the id of a lr-range-test study, was '" + parameter.path(FIELD).asText()
                    + "'");
        }
        return Panache.withSession(() -> studies.findById(id).chain(study -> {
            String problem = problem(study, id);
            if (problem != null) {
                return invalid(path, problem);
            }
            return metrics.listByStudy(id).chain(steps -> {
                var range = RangeTestCurve.suggest(steps);
                if (range.isEmpty()) {
                    return invalid(path, "range test " + id + " measured too few steps before its loss exploded"
                            + " to suggest a range; run it again with a lower algorithm.minLr");
                }
                write(parameter, range.get());
                return Uni.createFrom().voidItem();
            });
        }));
    }

    private static String problem(Study study, UUID id) {
        if (study == null) {
            return "no study with id " + id;
        }
        if (!StudySpec.Algorithm.RANGE_TEST.equals(study.algorithm)) {
            return "study " + id + " is a " + study.algorithm + " study, not a lr-range-test";
        }
        if (study.status != StudyStatus.COMPLETED) {
            return "range test " + id + " is " + study.status.name().toLowerCase(Locale.ROOT)
                    + "; it suggests a range once completed";
        }
        return null;
    }

    private static void write(ObjectNode parameter, RangeTestAnalysis.SuggestedRange range) {
        parameter.remove(FIELD);
        parameter.put("type", "float");
        parameter.put("min", range.min());
        parameter.put("max", range.max());
        parameter.put("sampling", "log");
    }

    private static Uni<Void> invalid(String path, String message) {
        return Uni.createFrom().failure(new InvalidStudyException(path, message));
    }
}
