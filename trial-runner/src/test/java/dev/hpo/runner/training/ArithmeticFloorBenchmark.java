package dev.hpo.runner.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.hpo.runner.data.DatasetSplits;

/**
 * Not part of the test suite (Surefire runs only {@code *Test} classes): the bare DJL training loop
 * ({@link BareDjlLoop}: MLP 784-128-10, Adam, batch 128, all 60,000 Fashion-MNIST images, one engine thread)
 * against its arithmetic floor, the epoch's floating-point operations over the rate at which this machine multiplies
 * matrices through the same engine with the same threads. Each round measures float32 {@code matMul} at the
 * training's own shapes (forward, and the backward's transposed products), at large square sizes (the better of the
 * two is the peak) and at 1×1 (what a call costs with no arithmetic), one elementwise pass over a parameter-sized
 * array, then trains {@value #EPOCHS} epochs of the bare loop, whose time it splits into phases. A rate is the median
 * over rounds of each round's median block; the loop's figures are medians over all counted epochs; one round before
 * them warms up and is not counted. Run with
 * {@code ./mvnw -B -o -pl trial-runner -am verify -Dtest=ArithmeticFloorBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dhpo.benchmark.rounds=5}); it writes {@code target/bench/arithmetic-floor.json}.
 */
class ArithmeticFloorBenchmark {

    private static final int EPOCHS = 3;
    private static final int BATCH = BareDjlLoop.BATCH;
    private static final int VALIDATION_BATCH = ModelTrainer.VALIDATION_BATCH;
    private static final int FEATURES = 784;
    private static final int HIDDEN = 128;
    private static final int CLASSES = 10;
    /** Weights and biases of both layers: 784·128 + 128 + 128·10 + 10 = 101,770. */
    private static final long PARAMETERS = (long) FEATURES * HIDDEN + HIDDEN + (long) HIDDEN * CLASSES + CLASSES;

    /** Timed blocks per shape and round; a block's calls are sized to take about {@link #BLOCK_SECONDS}. */
    private static final int BLOCKS = 9;
    private static final double BLOCK_SECONDS = 0.04;
    private static final double WARM_UP_SECONDS = 0.2;
    private static final String PEAK = "square 1024";
    private static final String CALL_COST = "1×1·1×1 (a call's own cost)";

    /**
     * One product as the network computes it: {@code a (m×k) · b (k×n)}, an operand that is stored transposed (as
     * DJL's {@code Linear} weight, units × inputs, or a batch read along its columns) multiplied as a transposed
     * view without a copy, as PyTorch's {@code linear} and its backward do.
     *
     * @param rowsPerCall the batch rows one call covers (0 for the reference shapes, which are not in the epoch)
     * @param rowsPerEpoch the batch rows an epoch covers at this shape: every call's FLOPs are linear in the batch,
     *                     so the epoch's are {@code flopsPerCall · rowsPerEpoch / rowsPerCall}, the last partial
     *                     batch included exactly
     */
    record Product(String name, long m, long k, long n, boolean transposeA, boolean transposeB, long rowsPerCall,
            long rowsPerEpoch) {

        double flopsPerCall() {
            return 2.0 * m * k * n; // one multiply and one add per term of each of the m·n sums of k terms
        }

        double flopsPerEpoch() {
            return rowsPerCall == 0 ? 0 : flopsPerCall() * rowsPerEpoch / rowsPerCall;
        }
    }

    /** Seconds per call at one shape in one round: medians over {@link #BLOCKS} timed blocks, wall and CPU. */
    record Rate(double seconds, double cpuSeconds, int callsPerBlock) {
    }

    @Test
    void bareLoopAgainstTheArithmeticFloor() throws Exception {
        DatasetSplits data = RealFashionMnist.load();
        int rounds = Integer.getInteger("hpo.benchmark.rounds", 5);
        List<Product> products = products(data.train().size(), data.validation().size());
        Map<String, Double> elementwise = elementwiseFlopsPerEpoch(data.train().size(), data.validation().size());
        double matmulFlops = products.stream().mapToDouble(Product::flopsPerEpoch).sum();
        double elementwiseFlops = elementwise.values().stream().mapToDouble(Double::doubleValue).sum();

        Map<String, List<Rate>> rates = new LinkedHashMap<>();
        products.forEach(product -> rates.put(product.name(), new ArrayList<>()));
        List<Rate> passes = new ArrayList<>();
        List<BareDjlLoop.Epoch> epochs = new ArrayList<>();
        List<Double> loadAverages = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int round = 0; round <= rounds; round++) {
                loadAverages.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                for (Product product : products) {
                    Rate rate = time(manager, product);
                    if (round > 0) {
                        rates.get(product.name()).add(rate);
                    }
                }
                // one elementwise pass over a parameter-sized array (read two, write one), as Adam makes several
                Rate pass = time(manager, m -> {
                    NDArray a = m.randomUniform(-1f, 1f, new Shape(PARAMETERS));
                    NDArray b = m.randomUniform(-1f, 1f, new Shape(PARAMETERS));
                    return () -> a.add(b);
                });
                BareDjlLoop.Run run = BareDjlLoop.train(data, EPOCHS);
                if (round > 0) {
                    passes.add(pass);
                    epochs.addAll(run.epochs());
                    System.out.printf(Locale.ROOT, "round %d: bare epoch %.3f s (training %.3f s, %.3f s cpu), "
                            + "1024² matMul %.1f GFLOP/s, layer-1 forward %.1f GFLOP/s%n", round,
                            median(run.epochs(), BareDjlLoop.Epoch::seconds),
                            median(run.epochs(), BareDjlLoop.Epoch::trainSeconds),
                            median(run.epochs(), BareDjlLoop.Epoch::trainCpuSeconds),
                            gflops(products, PEAK, rates), gflops(products, products.get(0).name(), rates));
                }
            }
            loadAverages.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }

        // the floor: each product's epoch FLOPs at the rate measured at its own shape, and all of them at the peak
        double floorAtShapes = 0;
        double trainingFloorAtShapes = 0;
        Map<String, Map<String, Object>> shapeFigures = new LinkedHashMap<>();
        for (Product product : products) {
            double seconds = median(rates.get(product.name()), Rate::seconds);
            double cpuSeconds = median(rates.get(product.name()), Rate::cpuSeconds);
            double epochSeconds = product.flopsPerEpoch() / product.flopsPerCall() * seconds;
            floorAtShapes += epochSeconds;
            if (!product.name().startsWith("validation")) {
                trainingFloorAtShapes += epochSeconds;
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("m", product.m());
            figures.put("k", product.k());
            figures.put("n", product.n());
            figures.put("transposed", (product.transposeA() ? "a" : "") + (product.transposeB() ? "b" : ""));
            figures.put("microsecondsPerCall", seconds * 1e6);
            figures.put("gflops", product.flopsPerCall() / seconds / 1e9);
            figures.put("gflopsByCpuTime", product.flopsPerCall() / cpuSeconds / 1e9);
            figures.put("callsPerEpoch", product.flopsPerEpoch() / product.flopsPerCall());
            figures.put("flopsPerEpoch", product.flopsPerEpoch());
            figures.put("secondsPerEpochAtThisRate", epochSeconds);
            figures.put("roundsMicrosecondsPerCall", rates.get(product.name()).stream().map(r -> r.seconds() * 1e6)
                    .toList());
            shapeFigures.put(product.name(), figures);
        }
        double peak = products.stream().filter(product -> product.rowsPerCall() == 0 && product.m() > 1)
                .mapToDouble(product -> product.flopsPerCall() / median(rates.get(product.name()), Rate::seconds))
                .max().orElseThrow();
        double trainingMatmulFlops = products.stream().filter(product -> !product.name().startsWith("validation"))
                .mapToDouble(Product::flopsPerEpoch).sum();
        double floorAtPeak = matmulFlops / peak;
        double elementwiseAtPeak = elementwiseFlops / peak;
        double bare = median(epochs, BareDjlLoop.Epoch::seconds);
        double bareTraining = median(epochs, BareDjlLoop.Epoch::trainSeconds);
        double bareTrainingCpu = median(epochs, BareDjlLoop.Epoch::trainCpuSeconds);
        double bareValidation = median(epochs, BareDjlLoop.Epoch::validationSeconds);
        Map<String, Double> phases = new LinkedHashMap<>();
        Map<String, Double> phasesCpu = new LinkedHashMap<>();
        for (String phase : BareDjlLoop.PHASES) {
            phases.put(phase, median(epochs, epoch -> epoch.phaseSeconds().get(phase)));
            phasesCpu.put(phase, median(epochs, epoch -> epoch.phaseCpuSeconds().get(phase)));
        }
        double passSeconds = median(passes, Rate::seconds);
        double overheadPerCall = median(rates.get(CALL_COST), Rate::seconds);
        int batches = (data.train().size() + BATCH - 1) / BATCH;

        for (Product product : products) {
            Map<String, Object> figures = shapeFigures.get(product.name());
            System.out.printf(Locale.ROOT, "%-40s %4d×%-4d·%4d×%-4d %9.1f µs/call %7.1f GFLOP/s %9.1f ms/epoch%n",
                    product.name(), product.m(), product.k(), product.k(), product.n(),
                    figures.get("microsecondsPerCall"), figures.get("gflops"),
                    (double) figures.get("secondsPerEpochAtThisRate") * 1e3);
        }
        System.out.printf(Locale.ROOT, "ARITHMETIC-FLOOR epoch FLOPs: matMul %.3f G (training %.3f G, validation"
                + " %.3f G), elementwise %.3f G; floor %.3f s at the training shapes' rates, %.3f s at the peak"
                + " %.1f GFLOP/s (+%.3f s elementwise at peak); bare DJL epoch %.3f s (training %.3f s wall,"
                + " %.3f s cpu; validation %.3f s): %.1f× the floor at the training shapes, %.1f× at peak; training"
                + " batches %.1f× their floor; phases (wall) %s, (cpu) %s; a call's own cost %.1f µs; a pass over %d floats"
                + " %.1f µs; medians of %d rounds of %d epochs%n",
                matmulFlops / 1e9, trainingMatmulFlops / 1e9, (matmulFlops - trainingMatmulFlops) / 1e9,
                elementwiseFlops / 1e9, floorAtShapes, floorAtPeak, peak / 1e9, elementwiseAtPeak, bare,
                bareTraining, bareTrainingCpu, bareValidation, bare / floorAtShapes, bare / floorAtPeak,
                bareTraining / trainingFloorAtShapes, phases, phasesCpu, overheadPerCall * 1e6, PARAMETERS,
                passSeconds * 1e6, rounds, EPOCHS);

        Path out = Path.of("target/bench/arithmetic-floor.json");
        Files.createDirectories(out.getParent());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("matmul", shapeFigures);
        figures.put("peakGflops", peak / 1e9);
        figures.put("matmulFlopsPerEpoch", matmulFlops);
        figures.put("trainingMatmulFlopsPerEpoch", trainingMatmulFlops);
        figures.put("elementwiseFlopsPerEpoch", elementwise);
        figures.put("elementwiseFlopsPerEpochTotal", elementwiseFlops);
        figures.put("floorSecondsAtTrainingShapes", floorAtShapes);
        figures.put("trainingFloorSecondsAtTrainingShapes", trainingFloorAtShapes);
        figures.put("floorSecondsAtPeak", floorAtPeak);
        figures.put("elementwiseSecondsAtPeak", elementwiseAtPeak);
        figures.put("bareEpochSeconds", bare);
        figures.put("bareTrainingSeconds", bareTraining);
        figures.put("bareTrainingCpuSeconds", bareTrainingCpu);
        figures.put("bareValidationSeconds", bareValidation);
        figures.put("bareTrainingPhaseSeconds", phases);
        figures.put("bareTrainingPhaseCpuSeconds", phasesCpu);
        figures.put("bareOverFloorAtTrainingShapes", bare / floorAtShapes);
        figures.put("bareOverFloorAtPeak", bare / floorAtPeak);
        figures.put("bareTrainingOverTrainingFloorAtTrainingShapes", bareTraining / trainingFloorAtShapes);
        figures.put("callOwnCostMicroseconds", overheadPerCall * 1e6);
        figures.put("parameterSizedAddMicroseconds", passSeconds * 1e6);
        figures.put("parameterSizedAddGigabytesPerSecond", 3.0 * 4 * PARAMETERS / passSeconds / 1e9);
        figures.put("parameterSizedAddRoundsMicroseconds", passes.stream().map(r -> r.seconds() * 1e6).toList());
        figures.put("batchesPerEpoch", batches);
        figures.put("parameters", PARAMETERS);
        figures.put("bareEpochs", epochs);
        figures.put("rounds", rounds);
        figures.put("epochsPerRound", EPOCHS);
        figures.put("engineThreads", JniUtils.getNumThreads());
        figures.put("engineInteropThreads", JniUtils.getNumInteropThreads());
        figures.put("loadAverageAtEachRoundStart", loadAverages);
        figures.put("processors", Runtime.getRuntime().availableProcessors());
        figures.put("java", System.getProperty("java.version"));
        figures.put("at", Instant.now().toString());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), figures);
    }

    /**
     * The matrix products of one epoch of the bare loop, and the reference shapes. A Dense layer computes
     * {@code y = x·Wᵀ + b} with {@code W} stored units × inputs; its backward computes {@code dW = dyᵀ·x} and,
     * where the layer's input needs a gradient, {@code dx = dy·W}.
     */
    static List<Product> products(long trainImages, long validationImages) {
        return List.of(
                // forward, 2·B·784·128 per batch: the hidden layer
                new Product("forward, layer 1: x·W1ᵀ", BATCH, FEATURES, HIDDEN, false, true, BATCH, trainImages),
                // forward, 2·B·128·10 per batch: the output layer
                new Product("forward, layer 2: h·W2ᵀ", BATCH, HIDDEN, CLASSES, false, true, BATCH, trainImages),
                // backward, the output layer's weight gradient dW2 = dzᵀ·h (10×B · B×128)
                new Product("backward, layer 2 weights: dzᵀ·h", CLASSES, BATCH, HIDDEN, true, false, BATCH,
                        trainImages),
                // backward, the gradient passed down to the hidden layer dh = dz·W2 (B×10 · 10×128)
                new Product("backward, layer 2 input: dz·W2", BATCH, CLASSES, HIDDEN, false, false, BATCH,
                        trainImages),
                // backward, the hidden layer's weight gradient dW1 = dh'ᵀ·x (128×B · B×784); its input gradient
                // (dx = dh'·W1, another 2·B·128·784) is not computed: the images need no gradient
                new Product("backward, layer 1 weights: dh'ᵀ·x", HIDDEN, BATCH, FEATURES, true, false, BATCH,
                        trainImages),
                // the validation pass, forward only, batches of 1,000 (10,000 images, no partial batch)
                new Product("validation forward, layer 1", VALIDATION_BATCH, FEATURES, HIDDEN, false, true,
                        VALIDATION_BATCH, validationImages),
                new Product("validation forward, layer 2", VALIDATION_BATCH, HIDDEN, CLASSES, false, true,
                        VALIDATION_BATCH, validationImages),
                // references, not in the epoch: large squares for the peak, and one multiply for a call's own cost
                new Product("square 512", 512, 512, 512, false, false, 0, 0),
                new Product(PEAK, 1024, 1024, 1024, false, false, 0, 0),
                new Product(CALL_COST, 1, 1, 1, false, false, 0, 0));
    }

    /**
     * The rest of an epoch's arithmetic, counted apart from the products: all of it is a few operations per value
     * read, so it is bound by memory and by one engine call per operation, not by the multiply rate. Per training
     * image unless said otherwise; "about" where PyTorch's kernels may take a few operations more or less.
     */
    static Map<String, Double> elementwiseFlopsPerEpoch(long trainImages, long validationImages) {
        long batches = (trainImages + BATCH - 1) / BATCH;
        double logits = CLASSES;
        Map<String, Double> flops = new LinkedHashMap<>();
        // the bias adds of both layers, forward
        flops.put("biasAdd", (double) (trainImages + validationImages) * (HIDDEN + CLASSES));
        // ReLU forward (a comparison per hidden unit) and backward (the gradient masked where the input was <= 0)
        flops.put("relu", (double) trainImages * HIDDEN * 2 + (double) validationImages * HIDDEN);
        // softmax cross-entropy forward: about 5 per logit (max, subtract, exp, sum, log-sum and pick per row)
        flops.put("softmaxCrossEntropyForward", (double) (trainImages + validationImages) * logits * 5);
        // its backward: about 3 per logit (softmax from the log-softmax, minus the one-hot label, over the batch)
        flops.put("softmaxCrossEntropyBackward", (double) trainImages * logits * 3);
        // the bias gradients: a sum over the batch of each layer's output gradient
        flops.put("biasGradients", (double) trainImages * (HIDDEN + CLASSES));
        // the accuracy read back for every batch: argMax (a comparison per logit), equality, count
        flops.put("accuracy", (double) (trainImages + validationImages) * (logits + 2));
        // Adam, per parameter and step: first moment 3, second moment 4, bias corrections folded into the rate,
        // square root, epsilon, divide, scale by the rate and subtract 5, gradient rescale 1: about 13
        flops.put("adam", (double) batches * PARAMETERS * 13);
        return flops;
    }

    /** One product's operands, made once; the timed calls multiply them. */
    private static Rate time(NDManager parent, Product product) {
        return time(parent, manager -> {
            NDArray a = operand(manager, product.m(), product.k(), product.transposeA());
            NDArray b = operand(manager, product.k(), product.n(), product.transposeB());
            return () -> a.matMul(b);
        });
    }

    /**
     * Makes the operands with {@code setUp}, warms up, sizes a block to about {@link #BLOCK_SECONDS}, then the
     * medians of {@link #BLOCKS} timed blocks.
     */
    private static Rate time(NDManager parent, Function<NDManager, Supplier<NDArray>> setUp) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (NDManager manager = parent.newSubManager()) {
            Supplier<NDArray> call = setUp.apply(manager);
            int calls = 1;
            double seconds = 0;
            long warmUpEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
            while (System.nanoTime() < warmUpEnd) {
                seconds = block(call, calls) / calls;
                calls = Math.min(calls * 2, 1 << 20);
            }
            calls = Math.max(1, (int) Math.ceil(BLOCK_SECONDS / seconds));
            List<Double> wall = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int i = 0; i < BLOCKS; i++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                wall.add(block(call, calls) / calls);
                cpu.add((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 / calls);
            }
            return new Rate(medianOf(wall), medianOf(cpu), calls);
        }
    }

    /**
     * Wall seconds of {@code calls} calls, each result freed as the training loop's batch manager frees it; a value
     * of the last one is read back to Java, so the block ends only when every call has been computed.
     */
    private static double block(Supplier<NDArray> call, int calls) {
        long start = System.nanoTime();
        for (int i = 1; i < calls; i++) {
            call.get().close();
        }
        try (NDArray last = call.get()) {
            if (Float.isNaN(last.getFloat(new long[last.getShape().dimension()]))) {
                throw new IllegalStateException("NaN from finite operands");
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A rows × columns operand of values in [-1, 1), stored as columns × rows and viewed transposed if asked. */
    private static NDArray operand(NDManager manager, long rows, long columns, boolean transposed) {
        if (transposed) {
            return manager.randomUniform(-1f, 1f, new Shape(columns, rows)).transpose();
        }
        return manager.randomUniform(-1f, 1f, new Shape(rows, columns));
    }

    /** The rate at one shape in the latest round. */
    private static double gflops(List<Product> products, String name, Map<String, List<Rate>> rates) {
        Product product = products.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        List<Rate> measured = rates.get(name);
        return product.flopsPerCall() / measured.get(measured.size() - 1).seconds() / 1e9;
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> figure) {
        return medianOf(values.stream().map(value -> figure.applyAsDouble(value)).toList());
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
