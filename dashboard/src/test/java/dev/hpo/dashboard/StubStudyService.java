package dev.hpo.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Serves fixed study-service answers, so these tests check rendering alone; the end-to-end test in deploy/local
 * renders pages from the real study-service.
 */
public class StubStudyService implements QuarkusTestResourceLifecycleManager {

    static final String STUDY_ID = "6f1c0d2e-0000-4000-8000-000000000001";

    private static final String STUDY = """
            {"id": "%s", "name": "fashion-mnist-random", "status": "RUNNING", "algorithm": "random",
             "objective": {"metric": "val_accuracy", "direction": "maximize"},
             "maxTrials": 4, "parallelism": 2, "epochs": 3,
             "trials": {"planned": 4, "queued": 1, "running": 1, "completed": 2, "failed": 0},
             "best": {"trialId": "t-b", "number": 1, "value": 0.8712, "epoch": 3},
             "createdAt": "2026-11-27T10:00:00Z",
             "spec": {"space": {"units": {"type": "int"}, "learning_rate": {"type": "choice"}}}}
            """.formatted(STUDY_ID);

    private static final String LEADERBOARD = """
            [{"rank": 1, "trialId": "t-b", "number": 1, "params": {"learning_rate": 0.001, "units": 480},
              "value": 0.8712, "epoch": 3, "epochsRun": 3, "status": "COMPLETED", "runnerId": "runner-1"},
             {"rank": 2, "trialId": "t-a", "number": 0, "params": {"learning_rate": 0.0001, "units": 64},
              "value": 0.7904, "epoch": 3, "epochsRun": 3, "status": "COMPLETED", "runnerId": "runner-2"},
             {"trialId": "t-c", "number": 2, "params": {"learning_rate": 0.01, "units": 32},
              "epochsRun": 0, "status": "QUEUED"}]
            """;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/studies", this::answer);
        server.start();
        return Map.of("quarkus.rest-client.study-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String base = "/api/studies";
        if (path.equals(base)) {
            respond(exchange, 200, "[" + STUDY + "]");
        } else if (path.equals(base + "/" + STUDY_ID)) {
            respond(exchange, 200, STUDY);
        } else if (path.equals(base + "/" + STUDY_ID + "/leaderboard")) {
            respond(exchange, 200, LEADERBOARD);
        } else {
            respond(exchange, 404, "{\"status\": 404, \"title\": \"Not found\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
