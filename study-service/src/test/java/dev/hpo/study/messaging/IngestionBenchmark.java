package dev.hpo.study.messaging;

import static io.restassured.RestAssured.given;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.embedded.HpoTestInfrastructure;
import dev.hpo.protocol.Topics;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.study.support.BenchmarkFigures;
import dev.hpo.study.support.BenchmarkProfile;
import dev.hpo.study.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Not part of the test suite (Surefire runs only {@code *Test} classes): how many runner events per second
 * study-service stores and decides on, on the real broker and database the tests use.
 * <p>
 * Each run creates fresh studies (random search, median stopping, so every epoch is put to the stopping rule),
 * sends {@code Started} for each of their trials and waits until all are running; then {@code runners} threads,
 * each holding its share of the trials as a runner does, send every trial's {@code EpochCompleted} events as fast
 * as they can through one producer, epoch after epoch. Every trial reports the same rising curve, so the rule
 * stops none and no event is rejected. The figure is events / seconds from the first send to the moment the last
 * {@code trial_metric} row is stored (each event's decision commits with its row); the time until everything it
 * decided has also been published from the outbox is given beside it.
 * <p>
 * Scenarios: {@code hpo.benchmark.studies} (1,10,50) × {@code hpo.benchmark.runners} (8,32,128), about
 * {@code hpo.benchmark.events} (10000) events each: 250 trials for one study, 500 otherwise, the epochs what the
 * events make. Each scenario runs {@code hpo.benchmark.runs} (3) times after three warm-up runs; the figure is the
 * median.
 * Target: 5,000 events/s. Run with
 * {@code ./mvnw -B -o -pl study-service -am test -Dtest=IngestionBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * it writes {@code target/bench/ingestion.json}.
 */
@QuarkusTest
@QuarkusTestResource(HpoTestInfrastructure.class)
@TestProfile(BenchmarkProfile.class)
class IngestionBenchmark {

    private static final double TARGET_EVENTS_PER_SECOND = 5_000;

    private final ObjectMapper json = new ObjectMapper();
    private final int runs = Integer.getInteger("hpo.benchmark.runs", 3);
    private final int events = Integer.getInteger("hpo.benchmark.events", 10_000);
    private final List<Integer> studyCounts = ints(System.getProperty("hpo.benchmark.studies", "1,10,50"));
    private final List<Integer> runnerCounts = ints(System.getProperty("hpo.benchmark.runners", "8,32,128"));
    private KafkaProducer<String, String> producer;
    private int created;

    /** One measured run. */
    record Run(int events, double storedSeconds, double publishedSeconds) {

        double storedRate() {
            return events / storedSeconds;
        }

        double publishedRate() {
            return events / publishedSeconds;
        }
    }

    @Test
    void eventsStoredPerSecond() throws Exception {
        String bootstrap = HpoTestInfrastructure.get().kafka().bootstrapServers();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                new StringSerializer());
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            // three runs of 10,000 events, not counted: until then the JIT compilers take a good part of the CPU
            for (int i = 0; i < 3; i++) {
                Run warmUp = run(10, 50, 20, 32);
                System.out.printf(Locale.ROOT, "warm-up: %.0f events/s%n", warmUp.storedRate());
            }
            for (int studies : studyCounts) {
                int trialsPerStudy = studies == 1 ? 250 : 500 / studies;
                int epochs = Math.max(1, Math.round((float) events / (studies * trialsPerStudy)));
                for (int runners : runnerCounts) {
                    List<Run> measured = new ArrayList<>();
                    for (int i = 0; i < runs; i++) {
                        Run run = run(studies, trialsPerStudy, epochs, runners);
                        measured.add(run);
                        System.out.printf(Locale.ROOT, "%d studies × %d trials × %d epochs, %d runners: %.0f events/s"
                                + " stored (%.2f s), %.0f events/s published (%.2f s)%n", studies, trialsPerStudy,
                                epochs, runners, run.storedRate(), run.storedSeconds(), run.publishedRate(),
                                run.publishedSeconds());
                    }
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("studies", studies);
                    result.put("trialsPerStudy", trialsPerStudy);
                    result.put("epochs", epochs);
                    result.put("runners", runners);
                    result.put("events", measured.get(0).events());
                    result.put("storedEventsPerSecondMedian",
                            BenchmarkFigures.median(measured.stream().map(Run::storedRate).toList()));
                    result.put("publishedEventsPerSecondMedian",
                            BenchmarkFigures.median(measured.stream().map(Run::publishedRate).toList()));
                    result.put("storedEventsPerSecond", measured.stream().map(Run::storedRate).toList());
                    result.put("storedSeconds", measured.stream().map(Run::storedSeconds).toList());
                    result.put("publishedSeconds", measured.stream().map(Run::publishedSeconds).toList());
                    results.add(result);
                }
            }
        } finally {
            producer.close();
        }
        BenchmarkFigures.write("ingestion", Map.of("targetEventsPerSecond", TARGET_EVENTS_PER_SECOND,
                "runsPerScenario", runs, "earlyStopping", "median", "scenarios", results));
        System.out.printf(Locale.ROOT, "INGESTION medians of %d runs, target %.0f events/s:%n", runs,
                TARGET_EVENTS_PER_SECOND);
        for (Map<String, Object> r : results) {
            double stored = (Double) r.get("storedEventsPerSecondMedian");
            System.out.printf(Locale.ROOT, "  %2d studies × %3d trials × %2d epochs, %3d runners: %6.0f events/s"
                    + " stored, %6.0f published: %s%n", r.get("studies"), r.get("trialsPerStudy"), r.get("epochs"),
                    r.get("runners"), stored, (Double) r.get("publishedEventsPerSecondMedian"),
                    stored >= TARGET_EVENTS_PER_SECOND ? "met" : "NOT met");
        }
    }

    private Run run(int studies, int trialsPerStudy, int epochs, int runners) throws Exception {
        List<String> studyIds = new ArrayList<>();
        for (int s = 0; s < studies; s++) {
            studyIds.add(given().contentType(ContentType.JSON).body(spec(++created, trialsPerStudy, epochs))
                    .post("/api/studies").then().statusCode(201).extract().<String>path("id"));
        }
        try (Connection c = TestDatabase.connect()) {
            Array ids = c.createArrayOf("uuid", studyIds.toArray());
            List<String> trials = trials(c, ids);
            if (trials.size() != studies * trialsPerStudy) {
                throw new AssertionError("expected " + studies * trialsPerStudy + " trials, found " + trials.size());
            }
            for (String trial : trials) {
                send(new TrialEvent.Started(trial, 1, "runner-" + Math.floorMod(trial.hashCode(), runners), "cpu"));
            }
            producer.flush();
            await(c, "SELECT count(*) FROM trial WHERE study_id = ANY(?) AND status = 'RUNNING'", ids, trials.size());
            awaitOutboxEmpty(c);

            int total = trials.size() * epochs;
            long start = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(runners);
            try {
                List<Future<?>> sending = new ArrayList<>();
                for (int r = 0; r < runners; r++) {
                    List<String> held = new ArrayList<>();
                    for (int i = r; i < trials.size(); i += runners) {
                        held.add(trials.get(i));
                    }
                    String runner = "runner-" + r;
                    sending.add(pool.submit(() -> {
                        for (int e = 1; e <= epochs; e++) {
                            for (String trial : held) {
                                send(epoch(trial, runner, e));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : sending) {
                    f.get();
                }
                producer.flush();
            } finally {
                pool.shutdown();
            }
            Duration limit = Duration.ofSeconds(Math.max(300, total / 20));
            await(c, "SELECT count(*) FROM trial_metric m JOIN trial t ON t.id = m.trial_id WHERE t.study_id = ANY(?)",
                    ids, total, limit);
            double stored = (System.nanoTime() - start) / 1e9;
            awaitOutboxEmpty(c);
            double published = (System.nanoTime() - start) / 1e9;
            for (String id : studyIds) {
                given().post("/api/studies/{id}/cancel", id).then().statusCode(200);
            }
            return new Run(total, stored, published);
        }
    }

    private static List<String> trials(Connection c, Array studyIds) throws Exception {
        List<String> trials = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT id FROM trial WHERE study_id = ANY(?) ORDER BY study_id, number")) {
            q.setArray(1, studyIds);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    trials.add(rs.getString(1));
                }
            }
        }
        return trials;
    }

    private static void await(Connection c, String countSql, Array studyIds, long expected) throws Exception {
        await(c, countSql, studyIds, expected, Duration.ofMinutes(5));
    }

    private static void await(Connection c, String countSql, Array studyIds, long expected, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long last = -1;
        try (PreparedStatement q = c.prepareStatement(countSql)) {
            q.setArray(1, studyIds);
            while (last < expected) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("after " + limit + ": " + last + " of " + expected + ": " + countSql);
                }
                Thread.sleep(20);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                }
            }
        }
    }

    private static void awaitOutboxEmpty(Connection c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (PreparedStatement q = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM outbox)")) {
            while (true) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the outbox did not empty within 5 minutes");
                }
                Thread.sleep(20);
            }
        }
    }

    /** Every trial reports the same rising curve: above the median of its peers' running averages, never stopped. */
    private static TrialEvent.EpochCompleted epoch(String trial, String runner, int epoch) {
        double v = 0.5 + 0.001 * epoch;
        return new TrialEvent.EpochCompleted(trial, 1, runner, epoch,
                Map.of("loss", 1 - v, "accuracy", v, "val_loss", 1 - v, "val_accuracy", v), 0.01);
    }

    private static String spec(int n, int trials, int epochs) {
        return """
                {"name": "bench-ingest-%d",
                 "objective": {"metric": "val_accuracy"},
                 "algorithm": {"type": "random", "seed": %d},
                 "earlyStopping": {"type": "median", "minTrials": 3, "warmupEpochs": 1},
                 "maxTrials": %d, "parallelism": %d, "epochs": %d,
                 "space": {"units": {"type": "int", "min": 32, "max": 512, "step": 32},
                           "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"}}}"""
                .formatted(n, n, trials, trials, epochs);
    }

    private void send(TrialEvent event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TRIAL_EVENTS, event.trialId(), json.writeValueAsString(event)));
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }
}
