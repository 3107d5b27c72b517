package dev.hpo.study.messaging;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hpo.protocol.StudyResult;
import dev.hpo.study.config.StudyServiceConfig;
import dev.hpo.study.service.Changes;
import dev.hpo.study.service.RangeTestReferences;
import dev.hpo.study.service.StudyConflictException;
import dev.hpo.study.service.StudyService;
import dev.hpo.study.spec.FieldError;
import dev.hpo.study.spec.InvalidStudyException;
import dev.hpo.study.spec.StudySpecReader;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Studies from any Kafka producer: a study spec (the body of {@code POST /api/studies}) with a
 * {@code submissionId}. The outcome goes to {@code hpo.study-results} under that id; an invalid submission is also
 * moved to {@code hpo.study-submissions.dlq} with the problems as its reason.
 */
@ApplicationScoped
public class SubmissionConsumer {

    public static final String CHANNEL = "study-submissions";
    static final int SUBMISSION_ID_LIMIT = 200;
    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final StudyService studies;
    private final Publisher publisher;
    private final ObjectMapper json;
    private final StudyServiceConfig config;
    private final RangeTestReferences rangeTests;

    public SubmissionConsumer(StudyService studies, Publisher publisher, ObjectMapper json,
            StudyServiceConfig config, RangeTestReferences rangeTests) {
        this.rangeTests = rangeTests;
        this.studies = studies;
        this.publisher = publisher;
        this.json = json;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(String payload) {
        String submissionId = null;
        try {
            JsonNode node = json.readTree(payload);
            if (!(node instanceof ObjectNode object)) {
                throw new InvalidStudyException("", "a submission is a JSON object: a study spec with a submissionId");
            }
            JsonNode id = object.remove("submissionId");
            if (id == null || !id.isTextual() || id.asText().isBlank() || id.asText().length() > SUBMISSION_ID_LIMIT) {
                throw new InvalidStudyException("submissionId",
                        "is required: a non-blank string of at most " + SUBMISSION_ID_LIMIT + " characters");
            }
            submissionId = id.asText();
            String accepted = submissionId;
            return rangeTests.resolve(json.writeValueAsString(object))
                    .map(spec -> StudySpecReader.read(spec, config.customModelBuilders().orElse(Set.of())))
                    .chain(valid -> studies.submit(valid, accepted)).replaceWithVoid()
                    .onFailure(StudyConflictException.class).recoverWithUni(e -> reject(accepted,
                            List.of(new FieldError("", e.getMessage()))))
                    .onFailure(InvalidStudyException.class).recoverWithUni(e -> reject(accepted,
                            ((InvalidStudyException) e).errors()));
        } catch (InvalidStudyException e) {
            return reject(submissionId, e.errors());
        } catch (JsonProcessingException e) {
            return reject(submissionId, List.of(new FieldError("", "malformed JSON: " + e.getOriginalMessage())));
        }
    }

    /** Tells the submitter why (when it gave an id), then fails the message so it lands on the dead-letter topic. */
    private Uni<Void> reject(String submissionId, List<FieldError> errors) {
        String reasons = errors.stream().map(e -> (e.field().isEmpty() ? "" : e.field() + ": ") + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid");
        LOG.infof("submission %s rejected: %s", submissionId, reasons);
        Uni<Void> told = Uni.createFrom().voidItem();
        if (submissionId != null) {
            Changes changes = new Changes();
            changes.result(new StudyResult.Rejected(submissionId, errors.stream()
                    .map(e -> new StudyResult.FieldProblem(e.field(), e.message())).toList()));
            told = Panache.withTransaction(() -> publisher.store(changes)).chain(publisher::relay);
        }
        return told.chain(() -> Uni.createFrom().failure(new IllegalArgumentException("rejected: " + reasons)));
    }
}
