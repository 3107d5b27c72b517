package dev.hpo.local;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows a study until it finishes, printing a progress line whenever it changes. It listens to the study's
 * server-sent events and reads the study again after each; should the stream fail, it says so once and polls.
 */
public final class StudyWatcher {

    /** Reads the study at least this often even while events flow, which bounds the harm of a lost event. */
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int BAR_WIDTH = 20;

    private final StudyClient client;
    private final PrintStream out;
    private final Semaphore changed = new Semaphore(0);
    private volatile boolean live;

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
        JsonNode study = client.study(studyId);
        AtomicBoolean finished = new AtomicBoolean();
        Thread listener = listen(studyId, finished);
        try {
            String last = "";
            while (true) {
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
                awaitChange();
                study = client.study(studyId);
            }
        } finally {
            // newer JDKs end a blocked read of the stream with an InterruptedException, which is no failure here
            finished.set(true);
            listener.interrupt();
        }
    }

    private Thread listen(String studyId, AtomicBoolean finished) {
        live = true;
        Thread listener = new Thread(() -> {
            try {
                client.followEvents(studyId, event -> {
                    if (!"ping".equals(event)) {
                        changed.release();
                    }
                });
                live = false;
            } catch (IOException e) {
                live = false;
                if (finished.get()) {
                    return;
                }
                out.println("  (no live updates: " + e.getMessage() + "; reading the study every "
                        + POLL.toSeconds() + " s)");
            }
        }, "study-events-" + studyId);
        listener.setDaemon(true);
        listener.start();
        return listener;
    }

    /** Waits for an event, or for the poll interval once the stream is gone; several events count as one. */
    private void awaitChange() throws IOException {
        try {
            changed.tryAcquire(live ? QUIET.toMillis() : POLL.toMillis(), TimeUnit.MILLISECONDS);
            changed.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * One line: a bar of the trials done, trials and epochs against the plan, what is running, and the best so
     * far, e.g. {@code [#######.............] 8/22 trials  40/120 epochs  2 running; best val_accuracy 0.8612
     * (trial #3: units=320, learning_rate=0.01)}.
     */
    static String progress(JsonNode study) {
        JsonNode trials = study.path("trials");
        long done = trials.path("completed").asLong() + trials.path("pruned").asLong()
                + trials.path("failed").asLong();
        long planned = study.path("plan").path("trials").asLong(trials.path("planned").asLong());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s %d/%d trials", bar(done, planned),
                done, planned));
        JsonNode totalEpochs = study.path("plan").path("totalEpochs");
        if (study.has("epochsTrained") && totalEpochs.isNumber()) {
            line.append(String.format(Locale.ROOT, "  %d/%d epochs", study.path("epochsTrained").asLong(),
                    totalEpochs.asLong()));
        }
        line.append(String.format(Locale.ROOT, "  %d running, %d queued", trials.path("running").asLong(),
                trials.path("queued").asLong()));
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

    static String bar(long done, long planned) {
        int filled = planned <= 0 ? 0 : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / planned);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
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
