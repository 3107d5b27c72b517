package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.checkpoint.CheckpointReferences;
import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.Topics;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.study.support.BenchmarkFigures;
import dev.hpo.study.support.BenchmarkProfile;
import dev.hpo.study.support.RecordWatch;
import dev.hpo.study.support.RecordWatch.Arrival;
import dev.hpo.study.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Not part of the test suite (Surefire runs only {@code *Test} classes): how long study-service takes to act, on the
 * real broker and database the tests use, with this class playing an idle runner whose consumer is already polling.
 * <ul>
 * <li><b>dispatch</b>: a study is created and its first trial stored; time until that trial's request arrives on
 * {@code hpo.trial-requests}, counted from the trial's {@code created_at} (set just before the transaction that
 * stores it commits) and from the moment the create request was sent. Target: p50 under 50 ms.</li>
 * <li><b>stop</b>: a median-stopping study whose trials report below the median at epoch 2; time from sending that
 * {@code EpochCompleted} to the {@code Stop} arriving on {@code hpo.trial-control}. Target: p99 under 100 ms.</li>
 * <li><b>promotion</b>: a Hyperband study; time from sending the last {@code EpochCompleted} of a rung's last
 * trial (followed at once by its {@code Checkpointed} and {@code Completed}, as a runner sends them) to the request
 * of the first trial it promotes arriving. Target: p99 under 100 ms.</li>
 * </ul>
 * Before each timed event the previous one has been stored and its messages published, so a sample is the time of
 * one decision, not of a queue. Each round takes {@code hpo.benchmark.samples} samples (200; promotions
 * {@code hpo.benchmark.promotions}, 100) of each kind; the figures are the medians over {@code hpo.benchmark.rounds}
 * rounds (3) of each round's p50, p90 and p99, after a short warm-up. Run with
 * {@code ./mvnw -B -o -pl study-service -am test -Dtest=DecisionLatencyBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false};
 * it writes {@code target/bench/decision-latency.json}.
 */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
@TestProfile(BenchmarkProfile.class)
class DecisionLatencyBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final double DISPATCH_P50_TARGET_MS = 50;
    private static final double DECISION_P99_TARGET_MS = 100;

    private final ObjectMapper json = new ObjectMapper();
    private final int rounds = Integer.getInteger("hpo.benchmark.rounds", 3);
    private final int samples = Integer.getInteger("hpo.benchmark.samples", 200);
    private final int promotions = Integer.getInteger("hpo.benchmark.promotions", 100);
    private KafkaProducer<String, String> producer;
    private RecordWatch watch;
    private int studies;

    @Test
    void dispatchStopAndPromotionLatency() throws Exception {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                HpoTestInfrastructure.get().kafka().bootstrapServers(), "linger.ms", "0"),
                new StringSerializer(), new StringSerializer());
        watch = new RecordWatch(Topics.TRIAL_REQUESTS, Topics.TRIAL_CONTROL);
        try {
            // warm-up, not counted: the JIT, the connection pools, the consumer's first fetches
            dispatch(20, new ArrayList<>(), new ArrayList<>());
            stops(20, new ArrayList<>());
            promotions(5, new ArrayList<>());

            Map<String, List<List<Double>>> raw = new LinkedHashMap<>();
            for (String kind : List.of("dispatchFromCreatedAt", "dispatchFromPost", "stop", "promotion")) {
                raw.put(kind, new ArrayList<>());
            }
            for (int round = 1; round <= rounds; round++) {
                List<Double> fromCreated = new ArrayList<>();
                List<Double> fromPost = new ArrayList<>();
                List<Double> stop = new ArrayList<>();
                List<Double> promotion = new ArrayList<>();
                dispatch(samples, fromCreated, fromPost);
                stops(samples, stop);
                promotions(promotions, promotion);
                raw.get("dispatchFromCreatedAt").add(fromCreated);
                raw.get("dispatchFromPost").add(fromPost);
                raw.get("stop").add(stop);
                raw.get("promotion").add(promotion);
                System.out.printf(Locale.ROOT, "round %d: dispatch p50 %.1f ms (from POST %.1f), stop p99 %.1f ms,"
                        + " promotion p99 %.1f ms%n", round, BenchmarkFigures.percentile(fromCreated, 50),
                        BenchmarkFigures.percentile(fromPost, 50), BenchmarkFigures.percentile(stop, 99),
                        BenchmarkFigures.percentile(promotion, 99));
            }
            report(raw);
        } finally {
            watch.close();
            producer.close();
        }
    }

    private void report(Map<String, List<List<Double>>> raw) {
        Map<String, Object> figures = new LinkedHashMap<>();
        Map<String, Object> medians = new LinkedHashMap<>();
        raw.forEach((kind, perRound) -> {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int p : new int[] {50, 90, 99}) {
                m.put("p" + p, BenchmarkFigures.median(
                        perRound.stream().map(s -> BenchmarkFigures.percentile(s, p)).toList()));
            }
            m.put("samplesPerRound", (double) perRound.get(0).size());
            medians.put(kind, m);
        });
        figures.put("unit", "ms");
        figures.put("rounds", rounds);
        figures.put("medianOfRounds", medians);
        figures.put("targets", Map.of("dispatchP50", DISPATCH_P50_TARGET_MS, "stopP99", DECISION_P99_TARGET_MS,
                "promotionP99", DECISION_P99_TARGET_MS));
        figures.put("samples", raw);
        BenchmarkFigures.write("decision-latency", figures);
        System.out.printf(Locale.ROOT, "DECISION-LATENCY medians of %d rounds, ms:%n", rounds);
        line("dispatch (from created_at)", medians.get("dispatchFromCreatedAt"), "p50", DISPATCH_P50_TARGET_MS);
        line("dispatch (from POST)", medians.get("dispatchFromPost"), "p50", DISPATCH_P50_TARGET_MS);
        line("stop", medians.get("stop"), "p99", DECISION_P99_TARGET_MS);
        line("promotion", medians.get("promotion"), "p99", DECISION_P99_TARGET_MS);
    }

    @SuppressWarnings("unchecked")
    private static void line(String what, Object figures, String targetPercentile, double target) {
        Map<String, Double> m = (Map<String, Double>) figures;
        System.out.printf(Locale.ROOT, "  %-28s p50 %7.1f  p90 %7.1f  p99 %7.1f   target %s < %.0f: %s"
                + " (%d samples/round)%n", what, m.get("p50"), m.get("p90"), m.get("p99"), targetPercentile, target,
                m.get(targetPercentile) < target ? "met" : "NOT met", m.get("samplesPerRound").intValue());
    }

    /** Creates one-trial studies; each one's request is a sample. The study is cancelled afterwards. */
    private void dispatch(int count, List<Double> fromCreated, List<Double> fromPost) throws Exception {
        for (int i = 0; i < count; i++) {
            watch.drain(a -> true);
            String spec = randomSpec("bench-dispatch-" + (++studies), 1, 1, 1, false);
            long sent = System.nanoTime();
            String id = given().contentType(ContentType.JSON).body(spec).post("/api/studies")
                    .then().statusCode(201).extract().path("id");
            Arrival request = watch.take(a -> Topics.TRIAL_REQUESTS.equals(a.topic()) && a.value().contains(id),
                    TIMEOUT);
            fromPost.add((request.nanos() - sent) / 1e6);
            Instant created = trialCreatedAt(read(request.value()).trialId());
            fromCreated.add(Duration.between(created, request.at()).toNanos() / 1e6);
            given().post("/api/studies/{id}/cancel", id).then().statusCode(200);
        }
    }

    /**
     * One median-stopping study: three trials train well, then every trial reports worse than all before it, and
     * its epoch 2 is a sample (epoch 1 is protected by the warm-up).
     */
    private void stops(int count, List<Double> latencies) throws Exception {
        watch.drain(a -> true);
        String id = create(randomSpec("bench-stop-" + (++studies), count + 10, 1, 3, true));
        for (int good = 0; good < 3; good++) {
            TrialRequest request = nextRequest(id);
            send(new TrialEvent.Started(request.trialId(), 1, "bench", "cpu"));
            for (int e = 1; e <= 3; e++) {
                send(epoch(request, e, 0.9));
            }
            send(new TrialEvent.Completed(request.trialId(), 1, "bench", 3));
        }
        for (int i = 0; i < count; i++) {
            TrialRequest request = nextRequest(id);
            double value = 0.5 - i * 0.001;
            send(new TrialEvent.Started(request.trialId(), 1, "bench", "cpu"));
            send(epoch(request, 1, value));
            awaitStoredAndPublished(request.trialId(), 1);
            long sent = System.nanoTime();
            send(epoch(request, 2, value));
            Arrival stop = watch.take(a -> Topics.TRIAL_CONTROL.equals(a.topic())
                    && request.trialId().equals(a.key()), TIMEOUT);
            latencies.add((stop.nanos() - sent) / 1e6);
        }
        given().post("/api/studies/{id}/cancel", id).then().statusCode(200);
    }

    /**
     * Hyperband studies played through by one runner; a completion that promotes is a sample. More studies are
     * started until {@code count} samples are taken.
     */
    private void promotions(int count, List<Double> latencies) throws Exception {
        while (latencies.size() < count) {
            watch.drain(a -> true);
            String id = create("""
                    {"name": "bench-promotion-%d",
                     "objective": {"metric": "val_accuracy"},
                     "algorithm": {"type": "hyperband", "maxEpochs": 9, "factor": 3, "iterations": 20, "seed": 11},
                     "parallelism": 1,
                     "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                               "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"}}}"""
                    .formatted(++studies));
            Deque<TrialRequest> pending = new ArrayDeque<>();
            while (latencies.size() < count) {
                TrialRequest request = pending.isEmpty() ? nextRequestOrNull(id) : pending.poll();
                if (request == null) {
                    break; // the study has finished
                }
                double units = ((Number) request.params().get("units")).doubleValue();
                send(new TrialEvent.Started(request.trialId(), request.attempt(), "bench", "cpu"));
                for (int e = request.initialEpoch() + 1; e < request.targetEpoch(); e++) {
                    send(epoch(request, e, units / 1000 + e / 100.0));
                }
                awaitStoredAndPublished(request.trialId(), request.targetEpoch() - 1);
                long sent = System.nanoTime();
                int target = request.targetEpoch();
                send(epoch(request, target, units / 1000 + target / 100.0));
                send(new TrialEvent.Checkpointed(request.trialId(), request.attempt(), "bench", target,
                        CheckpointReferences.afterEpoch(request.studyId(), request.trialId(), target)));
                send(new TrialEvent.Completed(request.trialId(), request.attempt(), "bench", target));
                awaitDecided(request.trialId(), target);
                Thread.sleep(20); // what was published after the commit reaches the watch
                long firstPromotion = Long.MAX_VALUE;
                for (Arrival a : watch.drain(a -> Topics.TRIAL_REQUESTS.equals(a.topic())
                        && a.value().contains(id))) {
                    TrialRequest next = read(a.value());
                    pending.add(next);
                    if (next.initialEpoch() > 0) {
                        firstPromotion = Math.min(firstPromotion, a.nanos());
                    }
                }
                if (firstPromotion != Long.MAX_VALUE) {
                    latencies.add((firstPromotion - sent) / 1e6);
                }
            }
            if (latencies.size() >= count) {
                given().post("/api/studies/{id}/cancel", id);
            }
        }
    }

    private TrialRequest nextRequest(String studyId) {
        return read(watch.take(a -> Topics.TRIAL_REQUESTS.equals(a.topic()) && a.value().contains(studyId),
                TIMEOUT).value());
    }

    private TrialRequest nextRequestOrNull(String studyId) {
        try {
            return read(watch.take(a -> Topics.TRIAL_REQUESTS.equals(a.topic()) && a.value().contains(studyId),
                    Duration.ofSeconds(3)).value());
        } catch (AssertionError e) {
            return null;
        }
    }

    /** Waits until the trial is running with {@code epochs} stored epochs, and the outbox is empty. */
    private static void awaitStoredAndPublished(String trialId, int epochs) throws Exception {
        awaitQuery("SELECT t.status = 'RUNNING' AND (SELECT count(*) FROM trial_metric m WHERE m.trial_id = t.id)"
                + " >= " + epochs + " AND NOT EXISTS (SELECT 1 FROM outbox) FROM trial t WHERE t.id = ?::uuid",
                trialId);
    }

    /**
     * Waits until the trial's completion at {@code epoch} is applied (the trial may already be promoted again) and
     * what it decided is published.
     */
    private static void awaitDecided(String trialId, int epoch) throws Exception {
        awaitQuery("SELECT EXISTS (SELECT 1 FROM trial_transition WHERE trial_id = ?::uuid"
                + " AND (reason = 'reached epoch " + epoch + "' OR reason LIKE 'reached epoch " + epoch + " of %'))"
                + " AND NOT EXISTS (SELECT 1 FROM outbox)", trialId);
    }

    private static void awaitQuery(String sql, String trialId) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Connection c = TestDatabase.connect(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, trialId);
            while (true) {
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for trial " + trialId + ": " + sql);
                }
                Thread.sleep(2);
            }
        }
    }

    private static Instant trialCreatedAt(String trialId) throws SQLException {
        try (Connection c = TestDatabase.connect();
                PreparedStatement q = c.prepareStatement("SELECT created_at FROM trial WHERE id = ?::uuid")) {
            q.setString(1, trialId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    private static String randomSpec(String name, int maxTrials, int parallelism, int epochs, boolean median) {
        return """
                {"name": "%s",
                 "objective": {"metric": "val_accuracy"},
                 "algorithm": {"type": "random", "seed": 5},%s
                 "maxTrials": %d, "parallelism": %d, "epochs": %d,
                 "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                           "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"}}}"""
                .formatted(name, median ? "\n \"earlyStopping\": {\"type\": \"median\", \"minTrials\": 3,"
                        + " \"warmupEpochs\": 1}," : "", maxTrials, parallelism, epochs);
    }

    private static String create(String spec) {
        return given().contentType(ContentType.JSON).body(spec).post("/api/studies")
                .then().statusCode(201).extract().path("id");
    }

    private static TrialEvent.EpochCompleted epoch(TrialRequest request, int epoch, double valAccuracy) {
        return new TrialEvent.EpochCompleted(request.trialId(), request.attempt(), "bench", epoch,
                Map.of("loss", 1 - valAccuracy, "accuracy", valAccuracy, "val_loss", 1 - valAccuracy,
                        "val_accuracy", valAccuracy), 0.01);
    }

    private void send(TrialEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TRIAL_EVENTS, event.trialId(), json.writeValueAsString(event)))
                .get();
    }

    private TrialRequest read(String value) {
        try {
            return json.readValue(value, TrialRequest.class);
        } catch (Exception e) {
            throw new AssertionError("not a trial request: " + value, e);
        }
    }
}
