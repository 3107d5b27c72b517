package dev.hpo.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) inside this JVM.
 * The storage directory survives {@link #close()}, so a later start over the same directory keeps the topics
 * and their records; a lock file refuses a second broker on the same directory, which would corrupt its log.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private final KafkaRaftServer server;
    private final DirectoryLock lock;

    private EmbeddedKafka(Path directory, int port, KafkaRaftServer server, DirectoryLock lock) {
        this.directory = directory;
        this.port = port;
        this.server = server;
        this.lock = lock;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free one) with its log in {@code directory}.
     */
    public static EmbeddedKafka start(Path directory, int port) throws IOException {
        Files.createDirectories(directory);
        DirectoryLock lock = DirectoryLock.acquire(directory, "kafka");
        try {
            int brokerPort = port == 0 ? FreePorts.find() : port;
            int controllerPort = FreePorts.find();
            Path logDir = directory.resolve("log");
            Properties config = brokerConfig(logDir, brokerPort, controllerPort);
            format(directory, logDir, config);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(directory, brokerPort, server, lock);
            kafka.awaitReady();
            return kafka;
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Properties brokerConfig(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", "1");
        return p;
    }

    private static void format(Path directory, Path logDir, Properties config) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return; // formatted by an earlier start; its cluster id must stay
        }
        Path configFile = directory.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(configFile)) {
            config.store(out, "written by hpo EmbeddedKafka");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
};
        int status = StorageTool.execute(args, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IOException("formatting Kafka storage in " + logDir + " failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException("Kafka on port " + port + " did not become ready", e);
                sleepQuietly(200);
            }
        }
        throw last == null ? new IllegalStateException("Kafka did not become ready") : last;
    }

    /** Creates each topic with the given partition count unless it exists already. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> topics.add(new NewTopic(name, partitions, (short) 1)));
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            topics.removeIf(t -> existing.contains(t.name()));
            if (!topics.isEmpty()) {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("creating topics " + partitionsByTopic.keySet() + " failed", e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("creating topics " + partitionsByTopic.keySet() + " failed", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            lock.close();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
