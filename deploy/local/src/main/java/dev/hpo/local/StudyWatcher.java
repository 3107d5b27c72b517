package dev.hpo.local;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/** Follows a study until it finishes, printing a line whenever its progress changes. */
public final class StudyWatcher {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final StudyClient client;
    private final PrintStream out;

    public StudyWatcher(StudyClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /**
     * @param healthCheck says why the stack cannot finish the study (a dead service), or nothing while it can
     * @return the finished study
     */
    public JsonNode awaitCompletion(String studyId, Duration timeout, Supplier<Optional<String>> healthCheck)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            JsonNode study = client.study(studyId);
            String line = progress(study);
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
            if (!"RUNNING".equals(study.path("status").asText())) {
                return study;
            }
            Optional<String> problem = healthCheck.get();
            if (problem.isPresent()) {
                throw new IOException("the study cannot finish: " + problem.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("study " + studyId + " did not finish within " + timeout);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    static String progress(JsonNode study) {
        JsonNode trials = study.path("trials");
        long done = trials.path("completed").asLong() + trials.path("pruned").asLong()
                + trials.path("failed").asLong();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  trials %d/%d done, %d running, %d queued",
                done, trials.path("planned").asLong(), trials.path("running").asLong(), trials.path("queued").asLong()));
        if (trials.path("paused").asLong() > 0) {
            line.append(", ").append(trials.path("paused").asLong()).append(" paused");
        }
        if (trials.path("pruned").asLong() > 0) {
            line.append(", ").append(trials.path("pruned").asLong()).append(" pruned");
        }
        if (trials.path("failed").asLong() > 0) {
            line.append(", ").append(trials.path("failed").asLong()).append(" failed");
        }
        JsonNode best = study.path("best");
        if (best.has("value")) {
            line.append(String.format(Locale.ROOT, "; best %s %.4f (trial #%d%s)",
                    study.path("objective").path("metric").asText(), best.path("value").asDouble(),
                    best.path("number").asInt(), best.has("params") ? ": " + params(best.path("params")) : ""));
        }
        return line.toString();
    }

    static String params(JsonNode params) {
        StringBuilder text = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = params.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            text.append(field.getKey()).append('=').append(field.getValue().asText());
            if (fields.hasNext()) {
                text.append(", ");
            }
        }
        return text.toString();
    }
}
