package dev.hpo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a real Kafka broker and a real PostgreSQL server, started once per test JVM on free
 * ports, with data in a fresh temporary directory.
 */
public class HpoTestInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static HpoInfrastructure shared;

    /** The running servers, for tests that talk to Kafka or PostgreSQL directly. */
    public static synchronized HpoInfrastructure get() {
        if (shared == null) {
            try {
                Path directory = Files.createTempDirectory("hpo-test-");
                shared = HpoInfrastructure.start(directory, 0, 0);
                Runtime.getRuntime().addShutdownHook(new Thread(HpoTestInfrastructure::stopShared, "hpo-test-infra-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("starting Kafka and PostgreSQL for tests failed", e);
            }
        }
        return shared;
    }

    private static synchronized void stopShared() {
        if (shared != null) {
            try {
                shared.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("stopping the test infrastructure failed: " + e);
            }
            shared = null;
        }
    }

    @Override
    public Map<String, String> start() {
        return get().quarkusProperties();
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }
}
