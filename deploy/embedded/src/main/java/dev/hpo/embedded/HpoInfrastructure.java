package dev.hpo.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka with hpo's topics, and PostgreSQL with hpo's database: what every service needs to run.
 */
public final class HpoInfrastructure implements AutoCloseable {

    public static final String DATABASE = "hpo";

    /** Topics and their partition counts; trial requests get more partitions than runners will ever be here. */
    public static final Map<String, Integer> TOPICS = topics();

    private final Path directory;
    private final EmbeddedKafka kafka;
    private EmbeddedPostgresServer postgres;

    private HpoInfrastructure(Path directory, EmbeddedKafka kafka, EmbeddedPostgresServer postgres) {
        this.directory = directory;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    private static Map<String, Integer> topics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put("hpo.study-submissions", 1);
        topics.put("hpo.study-submissions.dlq", 1);
        topics.put("hpo.study-results", 1);
        topics.put("hpo.trial-requests", 8);
        topics.put("hpo.trial-requests.dlq", 1);
        topics.put("hpo.trial-events", 4);
        topics.put("hpo.trial-events.dlq", 1);
        topics.put("hpo.trial-control", 1);
        topics.put("hpo.study-events", 1);
        return Collections.unmodifiableMap(topics);
    }

    /**
     * Starts both servers with their data under {@code directory}. A port of 0 picks a free one.
     */
    public static HpoInfrastructure start(Path directory, int kafkaPort, int postgresPort) throws IOException {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), postgresPort);
        try {
            postgres.createDatabase(DATABASE);
            EmbeddedKafka kafka = EmbeddedKafka.start(directory.resolve("kafka"), kafkaPort);
            kafka.createTopics(TOPICS);
            return new HpoInfrastructure(directory, kafka, postgres);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * Stops PostgreSQL for {@code downtime} and starts it again on the same port and data: what a database
     * restart or failover looks like to the services.
     */
    public synchronized void restartPostgres(java.time.Duration downtime) throws IOException, InterruptedException {
        int port = postgres.port();
        postgres.close();
        Thread.sleep(downtime.toMillis());
        postgres = EmbeddedPostgresServer.start(directory.resolve("postgres"), port);
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** Configuration a Quarkus service needs to reach both servers, as property names and values. */
    public Map<String, String> quarkusProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.put("quarkus.datasource.reactive.url", postgres.reactiveUrl(DATABASE));
        p.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE));
        p.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        p.put("quarkus.datasource.password", "");
        return p;
    }

    @Override
    public void close() throws IOException {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
