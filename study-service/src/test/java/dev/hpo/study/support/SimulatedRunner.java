package dev.hpo.study.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.checkpoint.CheckpointReferences;
import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;

/**
 * Plays the runners through the real broker: answers each trial request of one study with the events a runner
 * publishes, an objective computed from the hyperparameters and the epoch, and a checkpoint at the target epoch.
 */
public final class SimulatedRunner {

    private final ObjectMapper json = new ObjectMapper();
    private final String studyId;
    private final BiFunction<Map<String, Object>, Integer, Double> valAccuracy;
    private final Set<String> answered = new HashSet<>();
    private final List<TrialRequest> requests = new ArrayList<>();

    private CheckpointStore store;

    public SimulatedRunner(String studyId, BiFunction<Map<String, Object>, Integer, Double> valAccuracy) {
        this.studyId = studyId;
        this.valAccuracy = valAccuracy;
    }

    /**
     * Also writes what a real runner writes to its checkpoint store: a checkpoint per epoch and, at the target
     * epoch, a model archive; each file holds its own reference as text.
     */
    public SimulatedRunner writingTo(CheckpointStore store) {
        this.store = store;
        return this;
    }

    /** Answers every request not answered yet; returns how many it answered. */
    public int answerNewRequests() {
        int count = 0;
        for (ConsumerRecord<String, String> record : KafkaTestClient.await("hpo.trial-requests",
                r -> r.value().contains(studyId), Integer.MAX_VALUE, Duration.ofSeconds(1))) {
            TrialRequest request = read(record.value());
            String id = request.trialId() + "@" + request.targetEpoch();
            if (answered.add(id)) {
                requests.add(request);
                answer(request);
                count++;
            }
        }
        return count;
    }

    private void answer(TrialRequest request) {
        String runner = "sim-runner";
        send(new TrialEvent.Started(request.trialId(), request.attempt(), runner, "cpu"));
        for (int e = request.initialEpoch() + 1; e <= request.targetEpoch(); e++) {
            double v = valAccuracy.apply(request.params(), e);
            save(CheckpointReferences.afterEpoch(request.studyId(), request.trialId(), e));
            send(new TrialEvent.EpochCompleted(request.trialId(), request.attempt(), runner, e,
                    Map.of("loss", 1 - v, "accuracy", v, "val_loss", 1 - v, "val_accuracy", v), 0.01));
        }
        String checkpoint = CheckpointReferences.afterEpoch(request.studyId(), request.trialId(),
                request.targetEpoch());
        save(CheckpointReferences.modelArchive(checkpoint));
        send(new TrialEvent.Checkpointed(request.trialId(), request.attempt(), runner, request.targetEpoch(),
                checkpoint));
        send(new TrialEvent.Completed(request.trialId(), request.attempt(), runner, request.targetEpoch()));
    }

    private void save(String reference) {
        if (store != null) {
            try {
                store.write(reference, out -> out.write(reference.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Every request answered so far, in the order they were answered. */
    public List<TrialRequest> requests() {
        return requests;
    }

    private TrialRequest read(String value) {
        try {
            return json.readValue(value, TrialRequest.class);
        } catch (Exception e) {
            throw new AssertionError("not a trial request: " + value, e);
        }
    }

    private void send(TrialEvent event) {
        try {
            KafkaTestClient.send("hpo.trial-events", event.trialId(), json.writeValueAsString(event));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
