package dev.hpo.local;

import java.nio.file.Path;
import java.util.Map;

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
 * @param properties    extra configuration for every service (e.g. a short lease for fault tests)
 */
public record StackConfig(Path root, Path dataDir, int apiPort, int dashboardPort, int runnerPort, int kafkaPort,
        int postgresPort, int runners, Map<String, String> properties) {

    public StackConfig {
        properties = Map.copyOf(properties);
    }

    public StackConfig(Path root, Path dataDir, int apiPort, int dashboardPort, int runnerPort, int kafkaPort,
            int postgresPort, int runners) {
        this(root, dataDir, apiPort, dashboardPort, runnerPort, kafkaPort, postgresPort, runners, Map.of());
    }

    public StackConfig withProperties(Map<String, String> extra) {
        return new StackConfig(root, dataDir, apiPort, dashboardPort, runnerPort, kafkaPort, postgresPort, runners,
                extra);
    }

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
