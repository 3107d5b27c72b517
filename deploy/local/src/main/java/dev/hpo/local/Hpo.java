package dev.hpo.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code ./hpo} command: {@code up} starts the local stack and keeps it running; {@code demo} also runs the
 * worked example and prints its best trial.
 */
public final class Hpo {

    private static final String USAGE = """
            usage: ./hpo <command> [options]

            commands:
              demo        start the stack and run the worked example (Fashion-MNIST, random search);
                          keeps the stack up afterwards until Ctrl-C or Enter
              up          start the stack and keep it running until Ctrl-C
              submit FILE       submit a study spec (JSON or YAML); prints its id
              preview FILE      what a spec would cost: trials, epochs, brackets (--sample N)
              list              every study with its progress and best value
              watch ID          a live progress bar until the study finishes
              best ID           the best hyperparameters, as JSON (--download [FILE]: and the model)
              cancel ID         stop a running study
              kafka-console-producer, kafka-console-consumer
                                Kafka's own console tools, same options as in a Kafka download
              (client commands take --api-url and --token; by default HPO_API_URL and HPO_TOKEN,
               else the local stack's .hpo/stack.env)

            options:
              --algorithm A         demo: random (default) or hyperband (maxEpochs 10, factor 3, as KerasTuner)
              --quick               demo: a reduced study on 3,000 samples (random: 3 trials x 2 epochs;
                                    hyperband: maxEpochs 3), then exit (status 0 on success)
              --exit                demo: exit once the study has finished
              --trials N            demo: number of trials (default 10)
              --epochs N            demo: epochs per trial, Hyperband's maxEpochs (default 10)
              --runners N           trial-runner processes (default 1: one training per 2 cores is fastest)
              --api-port P          study-service port (default 8080)
              --dashboard-port P    dashboard port (default 8081)
              --runner-port P       first trial-runner's port (default 8082)
              --kafka-port P        Kafka port (default 9092)
              --postgres-port P     PostgreSQL port (default 15432)
              --data-dir DIR        where Kafka, PostgreSQL and logs keep their data (default .hpo)
            """;

    private static final Duration STUDY_TIMEOUT = Duration.ofHours(6);

    private final PrintStream out;
    private final PrintStream err;

    Hpo(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Hpo(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length > 0 && ClientCommands.NAMES.contains(args[0])) {
            return ClientCommands.run(args, out, err);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.command == null || options.command.equals("help")) {
            out.print(USAGE);
            return options.command == null ? 2 : 0;
        }
        try {
            return switch (options.command) {
                case "up" -> up(options);
                case "demo" -> demo(options);
                default -> {
                    err.println("unknown command '" + options.command + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (IOException | RuntimeException e) {
            err.println("hpo: " + e.getMessage());
            return 1;
        }
    }

    private int up(Options options) throws IOException {
        LocalStack stack = startWithShutdownHook(options);
        printAddresses(stack);
        out.println("stack is up; Ctrl-C stops it");
        awaitShutdown();
        return 0;
    }

    private int demo(Options options) throws IOException {
        long started = System.nanoTime();
        LocalStack stack = startWithShutdownHook(options);
        printAddresses(stack);
        String spec = spec(options);
        StudyClient client = new StudyClient(stack.config().apiUrl(), stack.token());
        JsonNode created = client.submit(spec);
        String id = created.path("id").asText();
        out.println("submitted study " + created.path("name").asText() + " (" + id + "): "
                + created.path("algorithm").asText() + " over units and learning_rate, objective val_accuracy, "
                + created.path("plan").path("trials").asInt() + " trials, "
                + created.path("plan").path("totalEpochs").asLong() + " epochs in all");
        out.println("follow it at " + stack.config().dashboardUrl() + "/studies/" + id);
        JsonNode study = new StudyWatcher(client, out).awaitCompletion(id, STUDY_TIMEOUT, stack::deadService);
        JsonNode best = study.path("best");
        if (!best.has("value")) {
            err.println("hpo: the study finished without a single reported epoch; see the logs in "
                    + stack.config().dataDir().resolve("logs"));
            return 1;
        }
        out.println();
        out.printf(Locale.ROOT, "best trial #%d: val_accuracy %.4f at epoch %d%n", best.path("number").asInt(),
                best.path("value").asDouble(), best.path("epoch").asInt());
        out.println("best hyperparameters: " + StudyWatcher.params(best.path("params")));
        out.printf(Locale.ROOT, "finished in %.0f s; leaderboard: %s/studies/%s%n",
                (System.nanoTime() - started) / 1e9, stack.config().dashboardUrl(), id);
        if (options.quick || options.exit) {
            return 0;
        }
        out.println("the stack stays up for you to explore; Enter or Ctrl-C stops it");
        awaitEnterOrShutdown();
        return 0;
    }

    private static String spec(Options options) {
        int runners = options.config.runners();
        return switch (options.algorithm) {
            case "hyperband" -> options.quick ? WorkedExample.hyperband(3, 3, runners, 3_000)
                    : WorkedExample.hyperband(options.epochs, 3, runners, null);
            default -> options.quick ? WorkedExample.randomSearch(3, 2, runners, 3_000)
                    : WorkedExample.randomSearch(options.trials, options.epochs, runners, null);
        };
    }

    private LocalStack startWithShutdownHook(Options options) throws IOException {
        LocalStack stack = LocalStack.start(options.config, out);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                out.println("stopping the stack");
                try {
                    stack.close();
                } catch (IOException | RuntimeException e) {
                    err.println("hpo: stopping failed: " + e.getMessage());
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "hpo-stop"));
        return stack;
    }

    private void printAddresses(LocalStack stack) {
        out.println();
        stack.addresses().forEach(line -> out.println("  " + line));
        out.println();
    }

    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitEnterOrShutdown() throws IOException {
        if (System.console() == null) {
            awaitShutdown(); // no terminal to read Enter from: Ctrl-C or a signal stops it
        } else {
            System.in.read();
        }
    }

    /** Command-line options, with the stack's defaults. */
    static final class Options {

        String command;
        boolean quick;
        boolean exit;
        String algorithm = "random";
        int trials = 10;
        int epochs = 10;
        StackConfig config = StackConfig.defaults(Path.of("").toAbsolutePath());

        static Options parse(String[] args) {
            Options o = new Options();
            Deque<String> rest = new ArrayDeque<>(List.of(args));
            StackConfig c = o.config;
            int runners = c.runners();
            int api = c.apiPort();
            int dashboard = c.dashboardPort();
            int runner = c.runnerPort();
            int kafka = c.kafkaPort();
            int postgres = c.postgresPort();
            Path data = c.dataDir();
            while (!rest.isEmpty()) {
                String arg = rest.removeFirst();
                switch (arg) {
                    case "--quick" -> o.quick = true;
                    case "--exit" -> o.exit = true;
                    case "--algorithm" -> {
                        o.algorithm = value(arg, rest);
                        if (!List.of("random", "hyperband").contains(o.algorithm)) {
                            throw new IllegalArgumentException("--algorithm is random or hyperband, not '"
                                    + o.algorithm + "'");
                        }
                    }
                    case "--trials" -> o.trials = positive(arg, rest);
                    case "--epochs" -> o.epochs = positive(arg, rest);
                    case "--runners" -> runners = positive(arg, rest);
                    case "--api-port" -> api = positive(arg, rest);
                    case "--dashboard-port" -> dashboard = positive(arg, rest);
                    case "--runner-port" -> runner = positive(arg, rest);
                    case "--kafka-port" -> kafka = positive(arg, rest);
                    case "--postgres-port" -> postgres = positive(arg, rest);
                    case "--data-dir" -> data = Path.of(value(arg, rest)).toAbsolutePath();
                    default -> {
                        if (arg.startsWith("-") || o.command != null) {
                            throw new IllegalArgumentException("unknown argument '" + arg + "'");
                        }
                        o.command = arg;
                    }
                }
            }
            o.config = new StackConfig(c.root(), data, api, dashboard, runner, kafka, postgres, runners);
            return o;
        }

        private static String value(String option, Deque<String> rest) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return rest.removeFirst();
        }

        private static int positive(String option, Deque<String> rest) {
            String text = value(option, rest);
            try {
                int n = Integer.parseInt(text);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a positive whole number, not '" + text + "'");
            }
        }
    }
}
