package dev.hpo.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The client side of {@code ./hpo}: submit, preview, list, watch, best and cancel against a running
 * study-service. The address and token come from flags, else {@code HPO_API_URL} and {@code HPO_TOKEN}, else the
 * local stack's {@code .hpo/stack.env}. Exit status 0 on success, 1 when the service refuses or cannot be
 * reached, 2 for wrong usage.
 */
@Command(name = "hpo", subcommands = {ClientCommands.Submit.class, ClientCommands.Preview.class,
        ClientCommands.ListStudies.class, ClientCommands.Watch.class, ClientCommands.Best.class,
        ClientCommands.Cancel.class})
final class ClientCommands {

    static final java.util.Set<String> NAMES = java.util.Set.of("submit", "preview", "list", "watch", "best",
            "cancel");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientCommands() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(ClientCommands.class);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("hpo: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        });
        return line.execute(args);
    }

    /** Options every client command takes. */
    abstract static class Remote implements Callable<Integer> {

        @Option(names = "--api-url", description = "study-service address (default: $HPO_API_URL, .hpo/stack.env)")
        String apiUrl;

        @Option(names = "--token", description = "API token for writing (default: $HPO_TOKEN, .hpo/stack.env)")
        String token;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        StudyClient client() throws IOException {
            Properties stackEnv = new Properties();
            Path file = Path.of(".hpo", "stack.env");
            if (Files.isRegularFile(file)) {
                try (var reader = Files.newBufferedReader(file)) {
                    stackEnv.load(reader);
                }
            }
            String url = first(apiUrl, System.getenv("HPO_API_URL"), stackEnv.getProperty("HPO_API_URL"))
                    .orElseThrow(() -> new IOException("no study-service address: give --api-url, set HPO_API_URL,"
                            + " or start the local stack (./hpo up)"));
            String key = first(token, System.getenv("HPO_TOKEN"), stackEnv.getProperty("HPO_TOKEN")).orElse(null);
            return new StudyClient(url, key);
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        private static Optional<String> first(String... values) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
    }

    /** A path as the user typed it: relative to the directory where {@code ./hpo} was run. */
    static Path callerPath(Path given) {
        String callerDir = System.getenv("HPO_CALLER_DIR");
        return given.isAbsolute() || callerDir == null ? given : Path.of(callerDir).resolve(given);
    }

    /** Reads a spec file, JSON or YAML (by its extension), as JSON text. */
    static String readSpec(Path given) throws IOException {
        Path file = callerPath(given);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return JSON.writeValueAsString(new YAMLMapper().readTree(file.toFile()));
        }
        return Files.readString(file);
    }

    @Command(name = "submit", description = "submit a study spec (JSON or YAML); prints the study id")
    static final class Submit extends Remote {

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            out().println(client().submit(readSpec(file)).path("id").asText());
            return 0;
        }
    }

    @Command(name = "preview", description = "what a spec would cost: trials, epochs, Hyperband's brackets")
    static final class Preview extends Remote {

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--sample", description = "also print the first N configurations", defaultValue = "0")
        int sample;

        @Override
        public Integer call() throws IOException {
            JsonNode plan = client().preview(readSpec(file), sample);
            out().printf(Locale.ROOT, "%s: %d trials, %d epochs in all%n",
                    plan.path("spec").path("algorithm").path("type").asText(), plan.path("trials").asInt(),
                    plan.path("totalEpochs").asLong());
            int b = 0;
            for (JsonNode bracket : plan.path("brackets")) {
                StringBuilder rungs = new StringBuilder();
                for (JsonNode rung : bracket.path("rungs")) {
                    rungs.append(rungs.isEmpty() ? "" : ", ").append(rung.path("configs").asInt()).append(" trials to epoch ")
                            .append(rung.path("epochs").asInt());
                }
                out().printf("  bracket %d: %s%n", b++, rungs);
            }
            plan.path("notes").forEach(n -> out().println("  note: " + n.asText()));
            plan.path("samples").forEach(s -> out().println("  " + s));
            return 0;
        }
    }

    @Command(name = "list", description = "every study, newest first")
    static final class ListStudies extends Remote {

        @Override
        public Integer call() throws IOException {
            for (JsonNode s : client().list()) {
                JsonNode t = s.path("trials");
                long done = t.path("completed").asLong() + t.path("pruned").asLong() + t.path("failed").asLong();
                out().printf(Locale.ROOT, "%s  %-9s %-10s %4d/%-4d %s  %s%n", s.path("id").asText(),
                        s.path("status").asText(), s.path("algorithm").asText(), done, t.path("planned").asInt(),
                        s.path("best").has("value") ? String.format(Locale.ROOT, "%.4f",
                                s.path("best").path("value").asDouble()) : "     -", s.path("name").asText());
            }
            return 0;
        }
    }

    @Command(name = "watch", description = "follow a study until it finishes")
    static final class Watch extends Remote {

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws IOException {
            StudyClient client = client();
            PrintStream printer = new PrintStream(new WriterOutputStream(out()), true);
            JsonNode study = new StudyWatcher(client, printer).awaitCompletion(id, Duration.ofDays(7),
                    Optional::empty);
            JsonNode range = study.path("suggestedRange");
            if (range.has("min")) {
                printer.printf(Locale.ROOT, "suggested learning rate range: %.3g .. %.3g (%s)%n",
                        range.path("min").asDouble(), range.path("max").asDouble(), range.path("rule").asText());
                printer.printf("use it with \"learning_rate\": {\"fromRangeTest\": \"%s\"}%n", id);
            }
            return "COMPLETED".equals(study.path("status").asText()) ? 0 : 1;
        }
    }

    @Command(name = "best", description = "the best trial's hyperparameters, as JSON; --download saves its model")
    static final class Best extends Remote {

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--download", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
                description = "save the best trial's model archive (DJL parameters and hpo.json) to FILE, "
                        + "default <ID>-best-model.zip")
        String download;

        @Override
        public Integer call() throws IOException {
            StudyClient client = client();
            JsonNode best = client.study(id).path("best");
            if (!best.has("params")) {
                throw new IOException("study " + id + " has no reported trial yet");
            }
            if (download != null) {
                Path file = callerPath(Path.of(download.isEmpty() ? id + "-best-model.zip" : download));
                Files.write(file, client.bestModel(id));
                err().println("saved the model of trial #" + best.path("number").asInt() + " to " + file);
            }
            out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of(
                    "trial", best.path("number").asInt(), "value", best.path("value").asDouble(),
                    "epoch", best.path("epoch").asInt(), "hyperparameters", best.path("params"))));
            return 0;
        }
    }

    @Command(name = "cancel", description = "stop a running study")
    static final class Cancel extends Remote {

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws IOException {
            out().println(client().cancel(id).path("status").asText());
            return 0;
        }
    }

    /** Lets {@link StudyWatcher}, which prints to a stream, print to picocli's writer. */
    private static final class WriterOutputStream extends java.io.OutputStream {

        private final PrintWriter writer;

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
