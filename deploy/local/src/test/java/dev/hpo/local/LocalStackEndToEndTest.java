package dev.hpo.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.hpo.embedded.FreePorts;
import dev.hpo.embedded.HpoInfrastructure;

/**
 * The whole system at once: embedded Kafka and PostgreSQL, the packaged study-service, a trial-runner training
 * with DJL on real Fashion-MNIST, and the dashboard read by headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalStackEndToEndTest {

    private static final int TRIALS = 3;
    private static final int EPOCHS = 2;

    private LocalStack stack;
    private StudyClient client;
    private String studyId;
    private JsonNode study;
    private String hyperbandId;
    private JsonNode hyperband;
    private String everyOptimizerId;
    private String rangeTestId;
    private JsonNode rangeTest;
    private JsonNode everyOptimizer;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeAll
    void runATinyStudy() throws IOException {
        Path root = Path.of(System.getProperty("hpo.root", "../..")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("hpo-e2e-");
        StackConfig config = new StackConfig(root, data, FreePorts.find(), FreePorts.find(), FreePorts.find(),
                FreePorts.find(), FreePorts.find(), 1)
                .withProperties(Map.of("hpo.study.checkpoint-cleanup-interval", "2s"));
        PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
        stack = LocalStack.start(config, out);
        client = new StudyClient(config.apiUrl(), stack.token());
        studyId = client.submit(WorkedExample.randomSearch(TRIALS, EPOCHS, 1, 2_000)).path("id").asText();
        study = new StudyWatcher(client, out).awaitCompletion(studyId, Duration.ofMinutes(10), stack::deadService);
        hyperbandId = client.submit(WorkedExample.hyperband(3, 3, 1, 2_000)).path("id").asText();
        hyperband = new StudyWatcher(client, out).awaitCompletion(hyperbandId, Duration.ofMinutes(10),
                stack::deadService);
        rangeTestId = client.submit(Files.readString(root.resolve("docs/examples/lr-range-test.json"))).path("id")
                .asText();
        rangeTest = new StudyWatcher(client, out).awaitCompletion(rangeTestId, Duration.ofMinutes(10),
                stack::deadService);
        everyOptimizerId = client.submit(EVERY_OPTIMIZER).path("id").asText();
        everyOptimizer = new StudyWatcher(client, out).awaitCompletion(everyOptimizerId, Duration.ofMinutes(10),
                stack::deadService);
    }

    /** Every training hyperparameter family at once, each searched only where it is read. */
    private static final String EVERY_OPTIMIZER = """
            {"name": "every-optimizer", "objective": {"metric": "val_accuracy"},
             "algorithm": {"type": "random", "seed": 3}, "maxTrials": 6, "epochs": 2,
             "dataset": {"name": "fashion-mnist", "trainLimit": 2000},
             "space": {
               "optimizer": {"type": "choice", "values": ["adam", "rmsprop", "sgd"]},
               "learning_rate": {"type": "float", "min": 0.0005, "max": 0.05, "sampling": "log"},
               "beta_1": {"type": "float", "min": 0.9, "max": 0.999, "sampling": "log1m"},
               "momentum": {"type": "float", "min": 0.5, "max": 0.99, "sampling": "log1m"},
               "nesterov": {"type": "boolean"},
               "batch_size": {"type": "choice", "values": [64, 128]},
               "layers": {"type": "int", "min": 1, "max": 2},
               "units": {"type": "int", "min": 32, "max": 256, "step": 32},
               "dropout": {"type": "float", "min": 0.0, "max": 0.3, "step": 0.1},
               "l2": {"type": "float", "min": 0.000001, "max": 0.0001, "sampling": "log"},
               "lr_schedule": {"type": "fixed", "value": "exponential"},
               "decay_steps": {"type": "fixed", "value": 100},
               "decay_rate": {"type": "float", "min": 0.8, "max": 0.99}
             }}""";

    @AfterAll
    void stop() throws IOException {
        System.out.println(progress.toString(StandardCharsets.UTF_8));
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void studyCompletesWithEveryTrialTrained() {
        assertEquals("COMPLETED", study.path("status").asText());
        assertEquals(TRIALS, study.path("trials").path("completed").asInt(), study.toString());
        assertEquals(0, study.path("trials").path("failed").asInt());
    }

    @Test
    void everyEpochOfEveryTrialIsStoredWithRealMetrics() throws Exception {
        JsonNode trials = client.trials(studyId);
        assertEquals(TRIALS, trials.size());
        for (JsonNode trial : trials) {
            JsonNode epochs = trial.path("epochs");
            assertEquals(EPOCHS, epochs.size(), trial.toString());
            for (int e = 0; e < EPOCHS; e++) {
                JsonNode metrics = epochs.get(e).path("metrics");
                assertEquals(e + 1, epochs.get(e).path("epoch").asInt());
                for (String name : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
                    assertTrue(metrics.has(name), name + " missing in " + metrics);
                }
                double valAccuracy = metrics.path("val_accuracy").asDouble();
                assertTrue(valAccuracy > 0 && valAccuracy <= 1, "val_accuracy " + valAccuracy);
                assertTrue(epochs.get(e).path("seconds").asDouble() > 0);
            }
            assertTrue(trial.path("runnerId").asText().startsWith("runner-"), trial.toString());
        }
        try (Connection c = DriverManager.getConnection(
                stack.infrastructure().postgres().jdbcUrl(HpoInfrastructure.DATABASE), "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM trial_metric m JOIN trial t ON t.id = m.trial_id"
                        + " WHERE t.study_id = '" + studyId + "'")) {
            rs.next();
            assertEquals(TRIALS * EPOCHS, rs.getInt(1), "rows in trial_metric");
        }
    }

    @Test
    void leaderboardRanksTrialsByBestValidationAccuracy() throws IOException {
        JsonNode board = client.leaderboard(studyId);
        List<Double> values = new ArrayList<>();
        board.forEach(row -> values.add(row.path("value").asDouble()));
        assertEquals(TRIALS, values.size());
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1) >= values.get(i), "not ranked: " + values);
        }
        assertEquals(values.get(0), study.path("best").path("value").asDouble(), 1e-12);
        // ten classes: a network that learned nothing scores about 0.1
        assertTrue(values.get(0) > 0.5, "best val_accuracy " + values.get(0));
    }

    @Test
    void hyperbandPromotesTrialsThatResumeFromTheirCheckpoint() throws IOException {
        assertEquals("COMPLETED", hyperband.path("status").asText());
        JsonNode trials = client.trials(hyperbandId);
        assertEquals(hyperband.path("plan").path("trials").asInt(), trials.size());
        int promoted = 0;
        long trained = 0;
        for (JsonNode trial : trials) {
            JsonNode epochs = trial.path("epochs");
            for (int e = 0; e < epochs.size(); e++) {
                assertEquals(e + 1, epochs.get(e).path("epoch").asInt(), "epochs of " + trial);
                assertEquals(1, epochs.get(e).path("attempt").asInt());
            }
            trained += epochs.size();
            if (trial.path("timeline").toString().contains("promoted to rung")) {
                promoted++;
                assertEquals(3, epochs.size(), "a promoted trial trains on to maxEpochs");
                assertEquals(3, trial.path("checkpointEpoch").asInt());
            }
        }
        assertTrue(promoted >= 1, "no trial was promoted");
        assertEquals(hyperband.path("plan").path("totalEpochs").asLong(), trained,
                "promoted trials resumed instead of retraining");
    }

    @Test
    void everyOptimizerScheduleAndRegularisationTrainsEndToEnd() throws IOException {
        assertEquals("COMPLETED", everyOptimizer.path("status").asText());
        JsonNode trials = client.trials(everyOptimizerId);
        assertEquals(6, trials.size());
        for (JsonNode trial : trials) {
            assertEquals("COMPLETED", trial.path("status").asText(), trial.toString());
            assertEquals(2, trial.path("epochs").size(), trial.toString());
            JsonNode params = trial.path("params");
            assertEquals(params.path("optimizer").asText().equals("adam"), params.has("beta_1"), params.toString());
            assertEquals(!params.path("optimizer").asText().equals("adam"), params.has("momentum"),
                    params.toString());
        }
    }

    @Test
    void commandLineClientPreviewsListsSubmitsCancelsAndReportsTheBest() throws IOException {
        String api = stack.config().apiUrl();
        Path examples = Path.of(System.getProperty("hpo.root", "../..")).resolve("docs/examples");

        Cli preview = cli("preview", examples.resolve("fashion-mnist-hyperband.json").toString(), "--api-url", api);
        assertEquals(0, preview.status(), preview.err());
        assertTrue(preview.out().contains("hyperband: 22 trials, 120 epochs in all"), preview.out());
        assertTrue(preview.out().contains("bracket 0: 12 trials to epoch 2, 4 trials to epoch 4, 2 trials to epoch 10"),
                preview.out());

        Path yaml = Files.createTempFile("study", ".yaml");
        Files.writeString(yaml, """
                name: cli-yaml
                objective: {metric: val_accuracy}
                maxTrials: 50
                epochs: 5
                space:
                  units: {type: int, min: 32, max: 512, step: 32}
                """);
        Cli submitted = cli("submit", yaml.toString(), "--api-url", api, "--token", stack.token());
        assertEquals(0, submitted.status(), submitted.err());
        String id = submitted.out().strip();
        assertTrue(cli("list", "--api-url", api).out().contains(id));
        Cli cancelled = cli("cancel", id, "--api-url", api, "--token", stack.token());
        assertEquals("CANCELLED", cancelled.out().strip(), cancelled.err());

        Cli best = cli("best", studyId, "--api-url", api);
        assertEquals(0, best.status(), best.err());
        assertEquals(study.path("best").path("params").path("units").asInt(),
                new ObjectMapper().readTree(best.out()).path("hyperparameters")
                        .path("units").asInt());

        Cli refused = cli("submit", yaml.toString(), "--api-url", api, "--token", "wrong");
        assertEquals(1, refused.status());
        assertTrue(refused.err().contains("401"), refused.err());
        assertEquals(2, cli("submit", "--api-url", api).status(), "missing FILE is a usage error");
    }

    @Test
    void watchFollowsStudiesThroughServerSentEvents() {
        assertFalse(progress.toString(StandardCharsets.UTF_8).contains("no live updates"),
                progress.toString(StandardCharsets.UTF_8));

        Cli watch = cli("watch", studyId, "--api-url", stack.config().apiUrl());
        assertEquals(0, watch.status(), watch.err());
        assertTrue(watch.out().contains("[####################] " + TRIALS + "/" + TRIALS + " trials  "
                + TRIALS * EPOCHS + "/" + TRIALS * EPOCHS + " epochs"), watch.out());
        assertEquals(1, cli("watch", "00000000-0000-0000-0000-000000000000", "--api-url", stack.config().apiUrl())
                .status());
    }

    /**
     * A pipeline with nothing but Kafka's own console tools, run as separate processes: it submits a study (twice,
     * as a retrying producer would) and an invalid one, and reads the outcomes from hpo.study-results.
     */
    @Test
    void studySubmittedWithKafkasConsoleProducerCompletesAndItsResultReachesTheConsoleConsumer() throws Exception {
        String bootstrap = "127.0.0.1:" + stack.config().kafkaPort();
        String ok = "console-" + UUID.randomUUID();
        String bad = "console-bad-" + UUID.randomUUID();
        ObjectMapper json = new ObjectMapper();
        ObjectNode spec = (ObjectNode) json.readTree(WorkedExample.randomSearch(2, 1, 1, 1_000));
        spec.put("submissionId", ok);
        ObjectNode invalid = spec.deepCopy().put("submissionId", bad);
        ((ObjectNode) invalid.path("algorithm")).put("type", "simulated-annealing");
        Path records = Files.createTempFile("submissions", ".jsonl");
        Files.writeString(records, String.join("\n", json.writeValueAsString(spec), json.writeValueAsString(spec),
                json.writeValueAsString(invalid)) + "\n");

        Process producer = kafkaTool("org.apache.kafka.tools.ConsoleProducer", "--bootstrap-server", bootstrap,
                "--topic", "hpo.study-submissions").redirectInput(records.toFile()).start();
        assertTrue(producer.waitFor(60, TimeUnit.SECONDS), "the console producer did not end");
        assertEquals(0, producer.exitValue(), new String(producer.getErrorStream().readAllBytes()));

        Process consumer = kafkaTool("org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server",
                bootstrap, "--topic", "hpo.study-results", "--from-beginning", "--property", "print.key=true",
                "--timeout-ms", "300000").start();
        List<JsonNode> results = new ArrayList<>();
        try (var lines = new BufferedReader(new InputStreamReader(consumer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (!(has(results, ok, "Completed") && has(results, bad, "Rejected"))
                    && (line = lines.readLine()) != null) {
                String key = line.substring(0, line.indexOf('\t'));
                if (key.equals(ok) || key.equals(bad)) {
                    results.add(json.readTree(line.substring(line.indexOf('\t') + 1)));
                }
            }
        } finally {
            consumer.destroy();
        }

        List<JsonNode> accepted = results.stream().filter(r -> r.path("type").asText().equals("Accepted")).toList();
        assertEquals(2, accepted.size(), results.toString());
        assertEquals(accepted.get(0).path("studyId"), accepted.get(1).path("studyId"), "one study for one id");
        JsonNode completed = results.stream().filter(r -> r.path("type").asText().equals("Completed")).findFirst()
                .orElseThrow(() -> new AssertionError("no Completed result: " + results));
        assertEquals(accepted.get(0).path("studyId"), completed.path("studyId"));
        assertEquals(2, completed.path("trials").asInt(), completed.toString());
        assertTrue(completed.path("bestHyperparameters").has("units"), completed.toString());
        JsonNode rejected = results.stream().filter(r -> r.path("type").asText().equals("Rejected")).findFirst()
                .orElseThrow();
        assertTrue(rejected.toString().contains("algorithm.type"), rejected.toString());
    }

    private static boolean has(List<JsonNode> results, String submissionId, String type) {
        return results.stream().anyMatch(r -> r.path("submissionId").asText().equals(submissionId)
                && r.path("type").asText().equals(type));
    }

    /** A Kafka command-line tool in a JVM of its own, from the kafka-tools artifact on this test's class path. */
    private static ProcessBuilder kafkaTool(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    @Test
    void bestDownloadSavesTheBestTrialsModelAndTheCleanUpKeepsOnlyTheBestThree() throws Exception {
        Path zip = Files.createTempDirectory("hpo-best-").resolve("model.zip");
        Cli best = cli("best", hyperbandId, "--download", zip.toString(), "--api-url", stack.config().apiUrl());
        assertEquals(0, best.status(), best.err());
        assertTrue(best.err().contains("saved the model of trial #"), best.err());
        Map<String, byte[]> entries = new java.util.HashMap<>();
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        JsonNode metadata = new ObjectMapper().readTree(entries.get("hpo.json"));
        assertEquals(hyperband.path("best").path("trialId").asText(), metadata.path("trialId").asText());
        assertEquals(hyperband.path("best").path("params"), metadata.path("hyperparameters"));
        assertTrue(entries.containsKey(metadata.path("parameters").asText()), entries.keySet().toString());

        Path checkpoints = stack.config().dataDir().resolve("checkpoints").resolve(hyperbandId);
        Duration wait = Duration.ofSeconds(30);
        long deadline = System.nanoTime() + wait.toNanos();
        List<Path> trialDirs;
        do {
            try (var dirs = Files.list(checkpoints)) {
                trialDirs = dirs.filter(dir -> !isEmpty(dir)).toList();
            }
        } while (trialDirs.size() > 3 && System.nanoTime() < deadline && sleep());
        assertEquals(3, trialDirs.size(), "trials with checkpoints left: " + trialDirs);
        for (Path dir : trialDirs) {
            try (var files = Files.list(dir)) {
                assertEquals(2, files.count(), "the final checkpoint and its model archive in " + dir);
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean sleep() {
        try {
            Thread.sleep(500);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The MLP trains well near 1e-3 with Adam and diverges above about 0.1: the suggestion must say so. */
    @Test
    void theRangeTestFindsTheGoodDecadeOfLearningRatesOnFashionMnist() throws IOException {
        assertEquals("COMPLETED", rangeTest.path("status").asText(), rangeTest.toString());
        JsonNode range = rangeTest.path("suggestedRange");
        double min = range.path("min").asDouble();
        double max = range.path("max").asDouble();
        System.out.println("range test on Fashion-MNIST: " + range);
        assertTrue(min < 1e-3 && 1e-3 < max, range.toString());
        assertTrue(max < 1, range.toString());

        JsonNode plan = client.preview("""
                {"name": "after-the-range-test", "objective": {"metric": "val_accuracy"},
                 "space": {"learning_rate": {"fromRangeTest": "%s"}, "units": {"type": "int", "min": 32, "max": 512}}}
                """.formatted(rangeTestId), 0);
        assertEquals(min, plan.path("spec").path("space").path("learning_rate").path("min").asDouble(), 1e-12);
        assertEquals(max, plan.path("spec").path("space").path("learning_rate").path("max").asDouble(), 1e-12);
    }

    private record Cli(int status, String out, String err) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Hpo(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Cli(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyServiceServesPrometheusMetrics() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        StackConfig config = stack.config();
        for (String url : List.of(config.apiUrl(), config.dashboardUrl(), "http://127.0.0.1:" + config.runnerPort())) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/q/metrics"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), url);
            assertTrue(response.body().contains("jvm_memory_used_bytes"), url);
        }
    }

    @Test
    void dashboardShowsTheLeaderboardInARealBrowser() throws Exception {
        String dom = chromiumDom(stack.config().dashboardUrl() + "/studies/" + studyId);

        assertTrue(dom.contains("id=\"leaderboard\""), dom);
        assertEquals(TRIALS, count(dom, "data-trial-id="), "leaderboard rows");
        String best = String.format(Locale.ROOT, "%.4f", study.path("best").path("value").asDouble());
        assertTrue(dom.contains(best), "best value " + best + " not shown");
        assertTrue(dom.contains("COMPLETED"));

        String list = chromiumDom(stack.config().dashboardUrl() + "/");
        assertTrue(list.contains("/studies/" + studyId), "study missing from the list page");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String chromiumDom(String url) throws IOException, InterruptedException {
        String browser = Optional.ofNullable(System.getenv("HPO_CHROMIUM")).orElse("/usr/bin/chromium");
        assertTrue(Files.isExecutable(Path.of(browser)),
                browser + " is missing: install Debian's chromium package (.ci/run does)");
        Path profile = Files.createTempDirectory("hpo-chromium-");
        Process process = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] dom = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, process.exitValue(), "chromium exit status");
        return new String(dom, StandardCharsets.UTF_8);
    }
}
