package dev.hpo.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hpo.embedded.FreePorts;
import dev.hpo.embedded.HpoInfrastructure;

/**
 * Everything hpo needs on one machine: embedded Kafka and PostgreSQL in this JVM, and study-service, the
 * trial-runners and the dashboard as child processes of it. {@link #close()} stops all of it, in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final StackConfig config;
    private final HpoInfrastructure infrastructure;
    private final List<ServiceProcess> services;
    private final String token;

    private LocalStack(StackConfig config, HpoInfrastructure infrastructure, List<ServiceProcess> services,
            String token) {
        this.config = config;
        this.infrastructure = infrastructure;
        this.services = services;
        this.token = token;
    }

    public static LocalStack start(StackConfig config, PrintStream out) throws IOException {
        checkPortsFree(config);
        Files.createDirectories(config.dataDir());
        out.println("starting Kafka and PostgreSQL (data in " + config.dataDir() + ")");
        HpoInfrastructure infrastructure = HpoInfrastructure.start(config.dataDir(), config.kafkaPort(),
                config.postgresPort());
        List<ServiceProcess> services = new ArrayList<>();
        LocalStack stack = new LocalStack(config, infrastructure, services, ApiToken.load(config.dataDir()));
        try {
            Path logs = config.dataDir().resolve("logs");
            Map<String, String> common = new LinkedHashMap<>(infrastructure.quarkusProperties());
            common.put("hpo.study.api-token", stack.token);
            // study-service reads the runners' checkpoint directory for best-model downloads and cleans it up
            common.put("hpo.study.checkpoint-dir", checkpoints(config));
            common.putAll(config.properties());
            out.println("starting study-service, " + config.runners() + " trial-runner(s) and the dashboard"
                    + " (logs in " + logs + ")");
            services.add(ServiceProcess.start("study-service", config.jar("study-service"), List.of("-Xmx512m"),
                    with(common, "quarkus.http.port", config.apiPort()), Map.of(), config.apiPort(), logs));
            for (int n = 1; n <= config.runners(); n++) {
                int port = config.runnerPort() + n - 1;
                // every runner shares one checkpoint directory, so any runner can resume any trial
                Map<String, String> runner = with(Map.of("kafka.bootstrap.servers",
                        infrastructure.kafka().bootstrapServers(), "hpo.runner.id", "runner-" + n,
                        "hpo.runner.checkpoint-dir", checkpoints(config)),
                        "quarkus.http.port", port);
                runner.putAll(config.properties());
                services.add(ServiceProcess.start("trial-runner-" + n, config.jar("trial-runner"),
                        List.of("-Xmx2g"), runner, Map.of("OMP_NUM_THREADS", "1"), port, logs));
            }
            services.add(ServiceProcess.start("dashboard", config.jar("dashboard"), List.of("-Xmx256m"),
                    Map.of("quarkus.http.port", String.valueOf(config.dashboardPort()),
                            "quarkus.rest-client.study-service.url", config.apiUrl(),
                            "kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers()),
                    Map.of(), config.dashboardPort(), logs));
            for (ServiceProcess service : services) {
                service.awaitReady(READY_TIMEOUT);
            }
            stack.writeStackEnv();
            return stack;
        } catch (IOException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static Map<String, String> with(Map<String, String> base, String key, int value) {
        Map<String, String> all = new LinkedHashMap<>(base);
        all.put(key, String.valueOf(value));
        return all;
    }

    private static void checkPortsFree(StackConfig c) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("study-service (--api-port)", c.apiPort());
        ports.put("dashboard (--dashboard-port)", c.dashboardPort());
        ports.put("Kafka (--kafka-port)", c.kafkaPort());
        ports.put("PostgreSQL (--postgres-port)", c.postgresPort());
        for (int n = 0; n < c.runners(); n++) {
            ports.put("trial-runner " + (n + 1) + " (--runner-port)", c.runnerPort() + n);
        }
        List<String> busy = new ArrayList<>();
        ports.forEach((what, port) -> {
            if (!FreePorts.isFree(port)) {
                busy.add(what + " port " + port);
            }
        });
        if (!busy.isEmpty()) {
            throw new IOException("in use already: " + String.join(", ", busy)
                    + ". Is another stack running? Stop it, or choose other ports.");
        }
    }

    /** Addresses for scripts and tools, as shell {@code KEY=value} lines. */
    private void writeStackEnv() throws IOException {
        String env = "HPO_API_URL=" + config.apiUrl() + "\n"
                + "HPO_DASHBOARD_URL=" + config.dashboardUrl() + "\n"
                + "KAFKA_BOOTSTRAP_SERVERS=" + infrastructure.kafka().bootstrapServers() + "\n"
                + "HPO_DB_URL=" + infrastructure.postgres().jdbcUrl(HpoInfrastructure.DATABASE) + "\n"
                + "HPO_TOKEN=" + token + "\n";
        Files.writeString(config.dataDir().resolve("stack.env"), env);
    }

    public StackConfig config() {
        return config;
    }

    /** The bearer token study-service's writing endpoints need. */
    public String token() {
        return token;
    }

    public HpoInfrastructure infrastructure() {
        return infrastructure;
    }

    /** Lines that tell the user where everything is. */
    public List<String> addresses() {
        return List.of(
                "study-service  " + config.apiUrl() + "/api/studies",
                "dashboard      " + config.dashboardUrl() + "/",
                "Kafka          " + infrastructure.kafka().bootstrapServers(),
                "PostgreSQL     " + infrastructure.postgres().jdbcUrl(HpoInfrastructure.DATABASE),
                "addresses in   " + config.dataDir().resolve("stack.env"));
    }

    /** Kills a service with SIGKILL, as a lost machine would; {@link #restart} brings it back. */
    public void kill(String service) throws InterruptedException {
        service(service).kill();
    }

    /** Starts a killed or stopped service again and waits until it is ready. */
    public void restart(String service) throws IOException {
        ServiceProcess process = service(service);
        process.restart();
        process.awaitReady(READY_TIMEOUT);
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** The first service that has died, if any: a stack with a dead service is not worth waiting on. */
    public java.util.Optional<String> deadService() {
        return services.stream().filter(s -> !s.isAlive())
                .map(s -> s.name() + " stopped; last lines of " + s.log() + ":\n" + s.tail(30)).findFirst();
    }

    @Override
    public void close() throws IOException {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        infrastructure.close();
    }

    private static String checkpoints(StackConfig config) {
        return config.dataDir().resolve("checkpoints").toString();
    }
}
