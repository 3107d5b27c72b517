package dev.hpo.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Serves fixed study-service answers (the JSON under {@code src/test/resources/stub/}, and a generated study of
 * 2,000 trials), so these tests check rendering alone; the end-to-end tests in deploy/local render pages from the
 * real study-service.
 *
 * <p>Setting the system property {@value #NO_RUNNERS} makes {@code /api/runners} answer 404, as a study-service
 * from before runner status did.
 */
public class StubStudyService implements QuarkusTestResourceLifecycleManager {

    public static final String STUDY_ID = "6f1c0d2e-0000-4000-8000-000000000001";
    public static final String HYPERBAND_ID = "6f1c0d2e-0000-4000-8000-000000000002";
    public static final String ESCAPING_ID = "6f1c0d2e-0000-4000-8000-000000000003";
    public static final String LARGE_ID = LargeStudy.ID;
    public static final String RANGE_TEST_ID = RangeTestStudy.ID;
    public static final String NO_RUNNERS = "stub.study-service.no-runners";

    private HttpServer server;
    private ExecutorService executor;
    private final Map<String, Supplier<String>> answers = new LinkedHashMap<>();

    @Override
    public Map<String, String> start() {
        LargeStudy large = new LargeStudy();
        String largeStudy = large.study();
        String largeBoard = large.leaderboard();
        String largeTrials = large.trialsJson();
        String studies = "[" + fixture("random-study") + "," + fixture("hyperband-study") + ","
                + fixture("escaping-study") + "," + largeStudy + "]";
        answers.put("/api/studies", () -> studies);
        study(STUDY_ID, "random");
        answers.put("/api/studies/" + STUDY_ID + "/importance", () -> fixture("random-importance"));
        study(HYPERBAND_ID, "hyperband");
        study(ESCAPING_ID, "escaping");
        answers.put("/api/studies/" + LARGE_ID, () -> largeStudy);
        answers.put("/api/studies/" + LARGE_ID + "/leaderboard", () -> largeBoard);
        answers.put("/api/studies/" + LARGE_ID + "/trials", () -> largeTrials);
        answers.put("/api/studies/" + RANGE_TEST_ID, RangeTestStudy::study);
        answers.put("/api/studies/" + RANGE_TEST_ID + "/leaderboard", () -> "[]");
        answers.put("/api/studies/" + RANGE_TEST_ID + "/trials", RangeTestStudy::trials);
        answers.put("/api/runners", () -> System.getProperty(NO_RUNNERS) == null ? fixture("runners") : null);
        // without it each answer waits on Nagle's algorithm and delayed ACKs, tens of milliseconds a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/api", this::answer);
        server.start();
        return Map.of("quarkus.rest-client.study-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void study(String id, String fixture) {
        answers.put("/api/studies/" + id, () -> fixture(fixture + "-study"));
        answers.put("/api/studies/" + id + "/leaderboard", () -> fixture(fixture + "-leaderboard"));
        answers.put("/api/studies/" + id + "/trials", () -> fixture(fixture + "-trials"));
    }

    static String fixture(String name) {
        try (InputStream in = StubStudyService.class.getResourceAsStream("/stub/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no fixture stub/" + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        Supplier<String> answer = answers.get(exchange.getRequestURI().getPath());
        String body = answer == null ? null : answer.get();
        if (body == null) {
            respond(exchange, 404, "{\"status\": 404, \"title\": \"Not found\"}");
        } else {
            respond(exchange, 200, body);
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
            executor.shutdownNow();
        }
    }
}
