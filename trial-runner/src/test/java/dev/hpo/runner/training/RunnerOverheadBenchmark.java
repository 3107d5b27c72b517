package dev.hpo.runner.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.checkpoint.CheckpointStore;
import dev.hpo.checkpoint.FileCheckpointStore;
import dev.hpo.embedded.EmbeddedKafka;
import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.data.DatasetSplits;

/**
 * Not part of the test suite: what the runner costs on top of training. In one JVM and alternating, it times
 * (a) a trial through {@link TrialService} as the runner runs it: a checkpoint saved before every epoch's report,
 * every event sent to a real Kafka broker and acknowledged, heartbeats, the model archive at the end; and (b) a
 * bare DJL loop ({@link BareDjlLoop}) over the same data with the same network, DJL's own Adam with the same
 * settings, batch 128, the batches gathered on the engine from the preloaded training set, and the same validation
 * pass. Both train
 * {@value #EPOCHS} epochs of all 60,000 images per round; the figure is the median over rounds of the mean epoch
 * time. A third variant, the runner's trainer alone (no events, checkpoints or heartbeats), separates what the
 * service adds from how the trainer feeds batches. The service's own work (event sends, each acknowledged; checkpoint
 * and archive writes) is also counted directly, apart by thread: on the training thread it delays the epoch; on the
 * thread that sends the epoch reports, or the heartbeats', it runs beside the next epoch. Run with {@code ./mvnw -B -o verify -pl trial-runner -Dtest=RunnerOverheadBenchmark}
 * ({@code -Dhpo.benchmark.rounds=7}); it writes {@code target/bench/runner-overhead.json}.
 */
class RunnerOverheadBenchmark {

    private static final int EPOCHS = 3;
    private static final long SEED = 42;

    @Test
    void runnerEpochAgainstABareDjlLoop() throws Exception {
        DatasetSplits data = RealFashionMnist.load();
        int rounds = Integer.getInteger("hpo.benchmark.rounds", 5);
        Path work = Files.createTempDirectory("hpo-overhead-");
        List<Double> runner = new ArrayList<>();
        List<Double> trainerOnly = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
                KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
            kafka.createTopics(Map.of("hpo.trial-events", 1));
            ObjectMapper json = new ObjectMapper();
            TrialEventSink toKafka = event -> {
                long start = System.nanoTime();
                try {
                    producer.send(new ProducerRecord<>("hpo.trial-events", event.trialId(),
                            json.writeValueAsString(event))).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                count(System.nanoTime() - start, false);
            };
            Heartbeats heartbeats = new Heartbeats(toKafka, "bench", Duration.ofSeconds(10));
            TrialService service = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS,
                    new ModelTrainer(), timed(new FileCheckpointStore(work.resolve("checkpoints"))), new StopRequests(),
                    toKafka, heartbeats, "bench", OptionalInt.empty(), true);
            // one round of each to warm up the JIT and the engine, not counted
            timeRunner(service, 0);
            timeTrainer(data);
            timeBare(data);
            trainingThreadNanos.set(0);
            beside.set(0);
            storeNanos.set(0);
            for (int round = 1; round <= rounds; round++) {
                runner.add(timeRunner(service, round));
                trainerOnly.add(timeTrainer(data));
                bare.add(timeBare(data));
                System.out.printf(Locale.ROOT, "round %d: runner %.3f s/epoch, trainer alone %.3f s/epoch, bare DJL "
                        + "%.3f s/epoch%n", round, runner.get(round - 1), trainerOnly.get(round - 1),
                        bare.get(round - 1));
            }
            heartbeats.close();
        }
        double runnerMedian = median(runner);
        double trainerMedian = median(trainerOnly);
        double bareMedian = median(bare);
        double overhead = (runnerMedian - bareMedian) / bareMedian * 100;
        double serviceOverhead = (runnerMedian - trainerMedian) / trainerMedian * 100;
        // the same cost counted directly: time inside event sends (acknowledged) and checkpoint/archive writes
        double serviceSecondsPerEpoch = trainingThreadNanos.get() / 1e9 / (rounds * EPOCHS);
        double besideSecondsPerEpoch = beside.get() / 1e9 / (rounds * EPOCHS);
        double storeSecondsPerEpoch = storeNanos.get() / 1e9 / (rounds * EPOCHS);
        System.out.printf(Locale.ROOT, "RUNNER-OVERHEAD runner %.3f s/epoch, trainer alone %.3f, bare DJL %.3f (medians"
                + " of %d rounds of %d epochs): runner against bare DJL %+.1f %%, service work (events, checkpoints,"
                + " heartbeats) %+.1f %%; counted directly on the training thread %.1f ms per epoch, %.2f %% of the"
                + " trainer's epoch; beside the training, on other threads, %.1f ms per epoch; checkpoint writes on"
                + " all threads %.1f ms per epoch%n", runnerMedian, trainerMedian, bareMedian, rounds, EPOCHS,
                overhead, serviceOverhead, serviceSecondsPerEpoch * 1e3, serviceSecondsPerEpoch / trainerMedian * 100,
                besideSecondsPerEpoch * 1e3, storeSecondsPerEpoch * 1e3);
        Path out = Path.of("target/bench/runner-overhead.json");
        Files.createDirectories(out.getParent());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("runnerSecondsPerEpoch", runner);
        figures.put("trainerSecondsPerEpoch", trainerOnly);
        figures.put("bareSecondsPerEpoch", bare);
        figures.put("runnerMedian", runnerMedian);
        figures.put("trainerMedian", trainerMedian);
        figures.put("bareMedian", bareMedian);
        figures.put("overheadPercent", overhead);
        figures.put("serviceOverheadPercent", serviceOverhead);
        figures.put("serviceMillisPerEpochOnTheTrainingThread", serviceSecondsPerEpoch * 1e3);
        figures.put("serviceMillisPerEpochBesideTheTraining", besideSecondsPerEpoch * 1e3);
        figures.put("checkpointWriteMillisPerEpoch", storeSecondsPerEpoch * 1e3);
        figures.put("epochsPerRound", EPOCHS);
        figures.put("processors", Runtime.getRuntime().availableProcessors());
        figures.put("java", System.getProperty("java.version"));
        figures.put("at", Instant.now().toString());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), figures);
    }

    /** The thread that runs the trials: service work here delays the epoch. */
    private final Thread trainingThread = Thread.currentThread();
    private final AtomicLong trainingThreadNanos = new AtomicLong();
    /** Service work on the epoch reports' thread and the heartbeats'. */
    private final AtomicLong beside = new AtomicLong();
    private final AtomicLong storeNanos = new AtomicLong();

    private void count(long nanos, boolean store) {
        (Thread.currentThread() == trainingThread ? trainingThreadNanos : beside).addAndGet(nanos);
        if (store) {
            storeNanos.addAndGet(nanos);
        }
    }

    /** The store, timing every write. */
    private CheckpointStore timed(CheckpointStore store) {
        return new ForwardingCheckpointStore(store) {
            @Override
            public void write(String reference, Content content) throws IOException {
                long start = System.nanoTime();
                super.write(reference, content);
                count(System.nanoTime() - start, true);
            }
        };
    }

    private static double timeRunner(TrialService service, int round) {
        long start = System.nanoTime();
        service.run(new TrialRequest("t-" + round, 1, "bench", Map.of(), null, DatasetSpec.FASHION_MNIST, 0, EPOCHS,
                null, SEED));
        return (System.nanoTime() - start) / 1e9 / EPOCHS;
    }

    /** The runner's own trainer with nothing around it: no events, checkpoints or heartbeats. */
    private static double timeTrainer(DatasetSplits data) {
        long start = System.nanoTime();
        new ModelTrainer().train(TestParams.run(TestParams.mlpDefaults(), data, 0, EPOCHS, null, SEED),
                (epoch, metrics, seconds) -> { }, StopSignal.NEVER);
        return (System.nanoTime() - start) / 1e9 / EPOCHS;
    }

    /** The same network, optimiser settings and epochs in a plain DJL loop, model building and data copy included. */
    private static double timeBare(DatasetSplits data) {
        return BareDjlLoop.train(data, EPOCHS).totalSeconds() / EPOCHS;
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0); // as the runner's trial-events channel
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
