package dev.hpo.dashboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A random-search study with {@value #TRIALS} trials of up to {@value #EPOCHS} epochs, as study-service would
 * answer for it, generated from a fixed seed: for paging, sorting and render time.
 */
final class LargeStudy {

    static final String ID = "6f1c0d2e-0000-4000-8000-000000002000";
    static final int TRIALS = 2_000;
    static final int EPOCHS = 10;

    private static final double[] RATES = {0.01, 0.001, 0.0001};
    private static final String[] OPTIMIZERS = {"adam", "rmsprop", "sgd"};

    record Trial(int number, int units, double rate, double dropout, String optimizer, String status, double[] curve) {

        String id() {
            return String.format(Locale.ROOT, "L-%04d", number);
        }

        Double best() {
            double best = Double.NaN;
            for (double v : curve) {
                best = Double.isNaN(best) ? v : Math.max(best, v);
            }
            return Double.isNaN(best) ? null : best;
        }

        int bestEpoch() {
            int at = 0;
            for (int i = 1; i < curve.length; i++) {
                at = curve[i] > curve[at] ? i : at;
            }
            return at + 1;
        }
    }

    final List<Trial> trials = new ArrayList<>();

    LargeStudy() {
        Random random = new Random(42);
        for (int n = 0; n < TRIALS; n++) {
            int units = 32 * (1 + random.nextInt(16));
            double rate = RATES[random.nextInt(3)];
            double dropout = Math.round(random.nextDouble() * 50) / 100.0;
            String optimizer = OPTIMIZERS[random.nextInt(3)];
            double ceiling = 0.70 + 0.18 * random.nextDouble();
            String status = n >= TRIALS - 3 ? "RUNNING" : random.nextInt(10) < 3 ? "PRUNED" : "COMPLETED";
            int epochs = switch (status) {
                case "RUNNING" -> 5;
                case "PRUNED" -> 3;
                default -> EPOCHS;
            };
            double[] curve = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                curve[e] = Math.round((ceiling - 0.25 * Math.exp(-0.6 * e) + 0.004 * random.nextGaussian()) * 1e4) / 1e4;
            }
            trials.add(new Trial(n, units, rate, dropout, optimizer, status, curve));
        }
    }

    String study() {
        long running = trials.stream().filter(t -> t.status().equals("RUNNING")).count();
        long pruned = trials.stream().filter(t -> t.status().equals("PRUNED")).count();
        Trial best = ranked().get(0);
        return """
                {"id": "%s", "name": "large-random-2000", "status": "RUNNING", "algorithm": "random",
                 "objective": {"metric": "val_accuracy", "direction": "maximize"},
                 "maxTrials": %d, "parallelism": 3, "epochs": %d, "seed": 42,
                 "trials": {"planned": %d, "queued": 0, "running": %d, "paused": 0, "completed": %d, "pruned": %d,
                            "failed": 0},
                 "best": {"trialId": "%s", "number": %d, "value": %s, "epoch": %d},
                 "createdAt": "2026-11-26T10:00:00Z",
                 "spec": {"space": {"units": {"type": "int", "min": 32.0, "max": 512.0, "step": 32.0},
                                    "learning_rate": {"type": "choice", "values": [0.01, 0.001, 0.0001]},
                                    "dropout": {"type": "float", "min": 0.0, "max": 0.5},
                                    "optimizer": {"type": "choice", "values": ["adam", "rmsprop", "sgd"]}}},
                 "plan": {"trials": %d, "totalEpochs": %d}}
                """.formatted(ID, TRIALS, EPOCHS, TRIALS, running, TRIALS - running - pruned, pruned, best.id(),
                best.number(), best.best(), best.bestEpoch(), TRIALS, (long) TRIALS * EPOCHS);
    }

    List<Trial> ranked() {
        return trials.stream().sorted(Comparator.comparing(Trial::best, Comparator.reverseOrder())
                .thenComparingInt(Trial::number)).toList();
    }

    String leaderboard() {
        StringBuilder json = new StringBuilder("[");
        int rank = 0;
        for (Trial t : ranked()) {
            json.append(rank == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"rank\": %d, \"trialId\": \"%s\", \"number\": %d, \"params\": %s, \"value\": %s,"
                            + " \"epoch\": %d, \"epochsRun\": %d, \"status\": \"%s\", \"runnerId\": \"runner-%d\"}",
                    ++rank, t.id(), t.number(), params(t), t.best(), t.bestEpoch(), t.curve().length, t.status(),
                    1 + t.number() % 3));
        }
        return json.append("]").toString();
    }

    String trialsJson() {
        StringBuilder json = new StringBuilder("[");
        for (Trial t : trials) {
            json.append(t.number() == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"id\": \"%s\", \"number\": %d, \"status\": \"%s\", \"attempt\": 1, \"bracket\": 0,"
                            + " \"runnerId\": \"runner-%d\", \"params\": %s, \"bestValue\": %s, \"bestEpoch\": %d,"
                            + " \"epochsRun\": %d, \"targetEpoch\": %d, \"createdAt\": \"2026-11-26T10:00:00Z\","
                            + " \"epochs\": [",
                    t.id(), t.number(), t.status(), 1 + t.number() % 3, params(t), t.best(), t.bestEpoch(),
                    t.curve().length, EPOCHS));
            for (int e = 0; e < t.curve().length; e++) {
                double v = t.curve()[e];
                json.append(e == 0 ? "" : ",").append(String.format(Locale.ROOT,
                        "{\"attempt\": 1, \"epoch\": %d, \"metrics\": {\"loss\": %.4f, \"accuracy\": %.4f,"
                                + " \"val_loss\": %.4f, \"val_accuracy\": %s}, \"seconds\": 0.9}",
                        e + 1, 1.5 - v, v - 0.02, 1.4 - v, v));
            }
            json.append("], \"timeline\": [{\"at\": \"2026-11-26T10:00:00Z\", \"to\": \"QUEUED\","
                    + " \"reason\": \"suggested by random search\"}]}");
        }
        return json.append("]").toString();
    }

    private static String params(Trial t) {
        return String.format(Locale.ROOT,
                "{\"units\": %d, \"learning_rate\": %s, \"dropout\": %s, \"optimizer\": \"%s\"}",
                t.units(), t.rate(), t.dropout(), t.optimizer());
    }
}
