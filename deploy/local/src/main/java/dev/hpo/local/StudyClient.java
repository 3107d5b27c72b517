package dev.hpo.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small client of study-service's REST API. */
public final class StudyClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiUrl;
    private final String token;

    /** @param token the bearer token for writing, or {@code null} when study-service needs none */
    public StudyClient(String apiUrl, String token) {
        this.apiUrl = apiUrl;
        this.token = token;
    }

    /** Submits a study spec; returns the created study. */
    public JsonNode submit(String spec) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/studies"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 201) {
            throw new IOException("study-service refused the study (" + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** What a spec would cost, storing nothing. */
    public JsonNode preview(String spec, int sample) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(apiUrl + "/api/studies/preview?sample=" + sample))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec)).build());
        if (response.statusCode() != 200) {
            throw new IOException("study-service refused the spec (" + response.statusCode() + "): " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public JsonNode list() throws IOException {
        return get("/api/studies");
    }

    public JsonNode cancel(String id) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/studies/" + id + "/cancel"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 200) {
            throw new IOException("cancelling " + id + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Opens the study's server-sent events and hands each event's name to {@code onEvent} until the stream ends or
     * fails; blocks, so call it from a thread of its own.
     */
    public void followEvents(String id, Consumer<String> onEvent) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/studies/" + id + "/events"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IOException("the event stream of " + id + " answered " + response.statusCode());
        }
        try (Stream<String> lines = response.body()) {
            lines.filter(line -> line.startsWith("event:"))
                    .forEach(line -> onEvent.accept(line.substring("event:".length()).strip()));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The best trial's model archive (a zip). */
    public byte[] bestModel(String id) throws IOException {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/studies/" + id
                + "/best-model")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the best model of " + id + " is not available (" + response.statusCode() + "): "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    public JsonNode study(String id) throws IOException {
        return get("/api/studies/" + id);
    }

    public JsonNode trials(String id) throws IOException {
        return get("/api/studies/" + id + "/trials");
    }

    public JsonNode leaderboard(String id) throws IOException {
        return get("/api/studies/" + id + "/leaderboard");
    }

    private JsonNode get(String path) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(apiUrl + path)).GET().build());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (java.net.ConnectException e) {
            throw new IOException("cannot reach study-service at " + apiUrl + " (is the stack up? ./hpo up)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
