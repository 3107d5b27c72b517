package dev.hpo.local;

import java.nio.file.Path;

/**
 * Where the local stack keeps its data and which ports it uses.
 *
 * @param root          the repository root (where each service's packaged application lies)
 * @param dataDir       Kafka's log, PostgreSQL's cluster, service logs and {@code stack.env}
 * @param apiPort       study-service
 * @param dashboardPort dashboard
 * @param runnerPort    the first runner's HTTP port (health); runner n gets runnerPort + n - 1
 * @param kafkaPort     Kafka's client listener
 * @param postgresPort  PostgreSQL
 * @param runners       number of trial-runner processes; each trains one trial at a time
 */
public record StackConfig(Path root, Path dataDir, int apiPort, int dashboardPort, int runnerPort, int kafkaPort,
        int postgresPort, int runners) {

    public static StackConfig defaults(Path root) {
        return new StackConfig(root, root.resolve(".hpo"), 8080, 8081, 8082, 9092, 15432, 1);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public String dashboardUrl() {
        return "http://127.0.0.1:" + dashboardPort;
    }

    Path jar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
