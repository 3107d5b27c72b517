package dev.hpo.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.hpo.embedded.FreePorts;

/**
 * Faults of a real cluster injected into the real stack (two runners training with DJL): a runner killed with
 * SIGKILL mid-trial, study-service killed and restarted, PostgreSQL stopped for seconds. Each study must complete
 * with every epoch stored once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(6);
    private LocalStack stack;
    private StudyClient client;
    private final List<String> figures = new ArrayList<>();

    @BeforeAll
    void startTwoRunners() throws IOException {
        Path root = Path.of(System.getProperty("hpo.root", "../..")).toAbsolutePath().normalize();
        StackConfig config = new StackConfig(root, Files.createTempDirectory("hpo-faults-"), FreePorts.find(),
                FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(), 2)
                .withProperties(Map.of("hpo.study.lease-timeout", "8s", "hpo.study.lease-check-interval", "1s",
                        "hpo.runner.heartbeat-interval", "2s"));
        stack = LocalStack.start(config, System.out);
        client = new StudyClient(config.apiUrl(), stack.token());
    }

    @AfterAll
    void stop() throws IOException {
        figures.forEach(System.out::println);
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void killedRunnersTrialResumesOnTheOtherRunnerFromItsCheckpoint() throws Exception {
        // Twelve epochs of 20,000 images (about 0.4 s each once warm) and a victim picked with one or two of them
        // stored, so that the kill lands while it trains: even with the runner two epochs ahead of what is stored,
        // eight epochs (over 3 s) are left. With 6 epochs of 10,000 images (0.2 s each) a victim picked with 3
        // stored had 0.6 s left and could finish between the poll and the kill.
        String id = submit(3, 2, 12, 20_000);
        Predicate<JsonNode> earlyInItsRun = t -> "RUNNING".equals(t.path("status").asText())
                && t.path("epochs").size() >= 1 && t.path("epochs").size() <= 2;
        JsonNode running = await(id, trials -> first(trials, earlyInItsRun) != null);
        JsonNode victim = first(running, earlyInItsRun);
        String runner = victim.path("runnerId").asText();
        Instant killed = Instant.now();
        stack.kill("trial-" + runner);

        JsonNode trials = awaitCompleted(id);
        JsonNode resumed = first(trials, t -> t.path("id").asText().equals(victim.path("id").asText()));
        assertTrue(resumed.path("attempt").asInt() >= 2, "the killed trial got a new attempt: " + resumed);
        assertTrue(resumed.path("timeline").toString().contains("lease expired"), resumed.toString());
        assertEveryEpochOnce(trials, 12);
        figures.add("kill -9 " + runner + ": " + trials.size() + " trials completed, resumed " + resumed.path("id")
                .asText() + " at attempt " + resumed.path("attempt").asInt() + ", training again "
                + Duration.between(killed, lastStart(resumed)).toMillis() / 1000.0 + " s after the kill (lease 8 s)");
        stack.restart("trial-" + runner);
    }

    @Test
    @Order(2)
    void studyServiceKilledAndRestartedFinishesTheSameStudy() throws Exception {
        String id = submit(4, 2, 3, 2_000);
        await(id, trials -> countStatus(trials, "COMPLETED") >= 1);
        stack.kill("study-service");
        Thread.sleep(2_000);
        stack.restart("study-service");

        JsonNode trials = awaitCompleted(id);
        assertEquals(4, trials.size(), "the same number of trials as without the kill");
        assertEquals(4, countStatus(trials, "COMPLETED"));
        assertEveryEpochOnce(trials, 3);
        figures.add("kill -9 study-service: " + trials.size() + " trials completed");
    }

    @Test
    @Order(3)
    void postgresStoppedForSecondsLosesNoEvent() throws Exception {
        // Trials of 0.6 to 1.5 s each (3 epochs of 10,000 images), and the database stopped once an epoch is
        // stored: the first two trials report their other epochs and their results while it is away
        String id = submit(3, 2, 3, 10_000);
        await(id, trials -> first(trials, t -> t.path("epochs").size() >= 1) != null);
        stack.infrastructure().restartPostgres(Duration.ofSeconds(5));

        JsonNode trials = awaitCompleted(id);
        assertEquals(3, countStatus(trials, "COMPLETED"), trials.toString());
        assertEveryEpochOnce(trials, 3);
        figures.add("PostgreSQL down 5 s: " + trials.size() + " trials completed");
    }

    private String submit(int trials, int parallelism, int epochs, int trainLimit) throws IOException {
        String spec = WorkedExample.randomSearch(trials, epochs, parallelism, trainLimit)
                .replace("fashion-mnist-random-quick", "faults-" + System.nanoTime());
        return client.submit(spec).path("id").asText();
    }

    /** When the trial last moved to RUNNING. */
    private static Instant lastStart(JsonNode trial) {
        Instant last = null;
        for (JsonNode entry : trial.path("timeline")) {
            if ("RUNNING".equals(entry.path("to").asText())) {
                last = Instant.parse(entry.path("at").asText());
            }
        }
        return last;
    }

    /** Every trial stored epochs 1..n exactly once, across all its attempts. */
    private static void assertEveryEpochOnce(JsonNode trials, int epochs) {
        for (JsonNode trial : trials) {
            List<Integer> stored = new ArrayList<>();
            trial.path("epochs").forEach(e -> stored.add(e.path("epoch").asInt()));
            Set<Integer> distinct = new HashSet<>(stored);
            assertEquals(stored.size(), distinct.size(), "a duplicate epoch in " + stored);
            for (int e = 1; e <= epochs; e++) {
                assertTrue(distinct.contains(e), "epoch " + e + " missing in " + stored);
            }
        }
    }

    private JsonNode awaitCompleted(String id) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if ("COMPLETED".equals(client.study(id).path("status").asText())) {
                    return client.trials(id);
                }
            } catch (IOException e) {
                // study-service or its database is away on purpose; ask again
            }
            Thread.sleep(500);
        }
        throw new AssertionError("study " + id + " did not complete within " + TIMEOUT);
    }

    private JsonNode await(String id, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode trials = client.trials(id);
            if (condition.test(trials)) {
                return trials;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("condition not met for study " + id);
    }

    private static JsonNode first(JsonNode trials, Predicate<JsonNode> match) {
        for (JsonNode t : trials) {
            if (match.test(t)) {
                return t;
            }
        }
        return null;
    }

    private static long countStatus(JsonNode trials, String status) {
        long n = 0;
        for (JsonNode t : trials) {
            if (status.equals(t.path("status").asText())) {
                n++;
            }
        }
        return n;
    }
}
