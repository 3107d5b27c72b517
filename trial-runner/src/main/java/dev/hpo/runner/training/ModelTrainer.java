package dev.hpo.runner.training;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.hpo.protocol.RangeTest;
import dev.hpo.runner.data.LabeledImages;
import dev.hpo.runner.model.ModelBuilder;

/**
 * Trains the network a trial's {@link ModelBuilder} builds, with softmax cross-entropy over its logits (plus the L2
 * penalty of every weight parameter when {@code l2 > 0}, as Keras adds its regularisation losses) and the trial's
 * {@link ResumableOptimizer}, and measures each epoch on the validation samples. Batches have the shape
 * {@code (batch, sample shape...)}: {@code (128, 1, 28, 28)} for Fashion-MNIST, {@code (128, features)} for a CSV.
 * <p>
 * Reproducible for a given seed and thread count: the seed goes to the engine before the weights are initialised;
 * epoch {@code e} visits the training images in an order that depends only on the seed and {@code e}, and its
 * dropout masks come from the engine's generator reseeded from the seed and {@code e} at the start of the epoch.
 * The engine's random seed is global to the process, so trainings must not run concurrently in one process if they
 * are to be reproducible.
 * <p>
 * Resumable exactly: after the target epoch the run returns a {@link TrainingCheckpoint} (parameters and optimiser
 * state by parameter name, with each parameter's update count, which is also the learning-rate schedule's
 * position; epoch; seed); a run given that checkpoint starts its parameters and optimiser state from it and trains
 * the following epochs with the same data order and dropout masks, so an interrupted and resumed training ends with
 * the same parameters, bit for bit, as an uninterrupted one with the same thread count.
 * <p>
 * Between two batches it asks its {@link StopSignal} and, when told to, ends at once without a checkpoint. After
 * each epoch before the target it asks whether to suspend, and if so ends with the checkpoint of that epoch.
 * <p>
 * Trains on GPU 0 when the engine sees a GPU, else on the CPU. Every batch's arrays live in a sub-manager closed
 * after the batch, and the model's manager is closed after the run, so native memory does not grow across epochs
 * or trials.
 */
public final class ModelTrainer {

    /** Validation images per forward pass: large enough to be fast, small enough to keep memory flat. */
    public static final int VALIDATION_BATCH = 1000;

    private Device device;

    /** {@code gpu} when training runs on a GPU, else {@code cpu}. */
    public String device() {
        return trainingDevice().isGpu() ? "gpu" : "cpu";
    }

    /** GPU 0 when the engine counts at least one GPU, else the CPU; asked once. */
    private synchronized Device trainingDevice() {
        if (device == null) {
            device = Engine.getInstance().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu();
        }
        return device;
    }

    /**
     * Trains epochs {@code initialEpoch + 1 .. targetEpoch}, telling {@code listener} about each.
     *
     * @return {@link TrainingOutcome.Completed} with the checkpoint after the target epoch,
     *         {@link TrainingOutcome.Suspended} with the checkpoint of an earlier epoch when {@code stop} asked to
     *         suspend, or {@link TrainingOutcome.Stopped} when {@code stop} said to stop at once
     * @throws IllegalArgumentException when the checkpoint does not fit the model
     */
    public TrainingOutcome train(TrainingRun run, EpochListener listener, StopSignal stop) {
        TrainingHyperparameters hyperparameters = run.hyperparameters().training();
        LabeledImages train = run.data().train();
        LabeledImages validation = run.data().validation();
        Shape sample = run.input().shape();
        // the engine takes a 32-bit seed; folding both halves keeps seeds that differ only in the high bits apart
        Engine.getInstance().setRandomSeed(Long.hashCode(run.seed()));
        try (Model model = Model.newInstance(run.builder().name(), trainingDevice())) {
            Block network = run.buildModel();
            model.setBlock(network);
            if (run.resumeFrom() != null) {
                initialiseFrom(network.getParameters(), run.resumeFrom());
            }
            ResumableOptimizer optimizer = hyperparameters.optimizer().create(network.getParameters(),
                    hyperparameters.schedule(), (float) hyperparameters.weightDecay());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer);
            Regularisation l2 = new Regularisation(L2Penalty.kernels(network), (float) hyperparameters.l2());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1).addAll(sample));
                if (run.resumeFrom() != null) {
                    optimizer.restore(run.resumeFrom().optimizer(), model.getNDManager());
                }
                for (int epoch = run.initialEpoch() + 1; epoch <= run.targetEpoch(); epoch++) {
                    long start = System.nanoTime();
                    optimizer.startEpoch(epoch);
                    Engine.getInstance().setRandomSeed(dropoutSeed(run.seed(), epoch));
                    RunningTotals trained = new RunningTotals();
                    Optional<String> stopReason = trainEpoch(trainer, train, sample, hyperparameters.batchSize(),
                            shuffledOrder(train.size(), run.seed(), epoch), stop, l2, trained);
                    if (stopReason.isPresent()) {
                        return new TrainingOutcome.Stopped(epoch - 1, stopReason.get());
                    }
                    RunningTotals validated = evaluate(trainer, validation, sample, l2);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (run.checkpointEveryEpoch() && epoch < run.targetEpoch()) {
                        listener.epochCheckpoint(checkpoint(run, epoch, network, optimizer));
                    }
                    listener.epochCompleted(epoch, metrics(trained, validated), seconds);
                    if (epoch < run.targetEpoch()) {
                        Optional<String> suspendReason = stop.suspendReason();
                        if (suspendReason.isPresent()) {
                            return new TrainingOutcome.Suspended(epoch, checkpoint(run, epoch, network, optimizer),
                                    suspendReason.get());
                        }
                    }
                }
                return new TrainingOutcome.Completed(run.targetEpoch(),
                        checkpoint(run, run.targetEpoch(), network, optimizer),
                        ModelArchive.djlParameters(model, run.targetEpoch()));
            }
        }
    }

    /**
     * Smoothing of the range test's loss: an exponential moving average, bias-corrected, as fastai's LR finder, but
     * over about 10 updates rather than fastai's 50, so that at 20-30 updates per decade of rates the smoothed curve
     * lags by less than half a decade.
     */
    static final double RANGE_TEST_SMOOTHING = 0.9;
    /** The range test stops training once the smoothed loss exceeds this multiple of its lowest value. */
    static final double RANGE_TEST_DIVERGENCE = 4;

    /**
     * A learning-rate range test: {@code test.steps()} updates of the trial's model and optimiser, update
     * {@code k} at the rate {@link RangeTest#learningRate(int) test.learningRate(k)}, on batches drawn in the
     * seeded order of epoch 1 (then 2, ...). Each update is reported as {@code epochCompleted(k + 1, ...)} with
     * {@code learning_rate}, {@code loss} and {@code smoothed_loss}. Once the smoothed loss passes
     * {@value #RANGE_TEST_DIVERGENCE} times its minimum, or a loss is not finite, training stops and the remaining
     * steps are reported with {@code learning_rate} and {@code diverged = 1} only.
     *
     * @return {@code true} when it ran to the end, {@code false} when {@code stop} ended it early
     */
    public boolean rangeTest(TrainingRun run, RangeTest test, EpochListener listener, StopSignal stop) {
        TrainingHyperparameters hyperparameters = run.hyperparameters().training();
        LabeledImages train = run.data().train();
        Shape sample = run.input().shape();
        Engine.getInstance().setRandomSeed(Long.hashCode(run.seed()));
        try (Model model = Model.newInstance(run.builder().name(), trainingDevice())) {
            Block network = run.buildModel();
            model.setBlock(network);
            // the growth per update is the schedule: rate(step) = minLr * growth^step
            double growth = Math.pow(test.maxLr() / test.minLr(), 1.0 / (test.steps() - 1));
            ResumableOptimizer optimizer = hyperparameters.optimizer().create(network.getParameters(),
                    new LearningRateSchedule.Exponential(test.minLr(), 1, growth, false),
                    (float) hyperparameters.weightDecay());
            Regularisation l2 = new Regularisation(L2Penalty.kernels(network), (float) hyperparameters.l2());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(optimizer))) {
                trainer.initialize(new Shape(1).addAll(sample));
                int batchSize = Math.min(hyperparameters.batchSize(), train.size());
                BatchBuffer buffer = new BatchBuffer(train, sample, batchSize);
                int epoch = 1;
                optimizer.startEpoch(epoch);
                int[] order = shuffledOrder(train.size(), run.seed(), epoch);
                int from = 0;
                double average = 0;
                double lowest = Double.POSITIVE_INFINITY;
                boolean diverged = false;
                for (int step = 0; step < test.steps(); step++) {
                    if (stop.stopReason().isPresent()) {
                        return false;
                    }
                    long start = System.nanoTime();
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    metrics.put("learning_rate", test.learningRate(step));
                    if (!diverged) {
                        if (from + batchSize > order.length) {
                            order = shuffledOrder(train.size(), run.seed(), ++epoch);
                            optimizer.startEpoch(epoch);
                            from = 0;
                        }
                        float loss = trainBatch(trainer, buffer, order, from, from + batchSize, l2);
                        from += batchSize;
                        average = RANGE_TEST_SMOOTHING * average + (1 - RANGE_TEST_SMOOTHING) * loss;
                        double smoothed = average / (1 - Math.pow(RANGE_TEST_SMOOTHING, step + 1));
                        lowest = Math.min(lowest, smoothed);
                        diverged = !Float.isFinite(loss) || smoothed > RANGE_TEST_DIVERGENCE * lowest;
                        if (Float.isFinite(loss)) {
                            metrics.put("loss", (double) loss);
                            metrics.put("smoothed_loss", smoothed);
                        }
                    }
                    if (diverged) {
                        metrics.put("diverged", 1.0);
                    }
                    listener.epochCompleted(step + 1, metrics, (System.nanoTime() - start) / 1e9);
                }
                return true;
            }
        }
    }

    /** One update on images {@code order[from..to)}; returns the batch's loss. */
    private static float trainBatch(Trainer trainer, BatchBuffer buffer, int[] order, int from, int to,
            Regularisation l2) {
        try (NDManager batchManager = trainer.getManager().newSubManager()) {
            NDList batch = buffer.fill(batchManager, order, from, to);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(batch.get(0))).singletonOrThrow();
                NDArray total = l2.addTo(trainer.getLoss().evaluate(new NDList(batch.get(1)), new NDList(logits)),
                        batchManager);
                collector.backward(total);
                loss = total.getFloat();
            }
            if (Float.isFinite(loss)) {
                trainer.step();
            }
            return loss;
        }
    }

    /**
     * Makes each parameter initialise to its saved values instead of random ones, so the trainer sets them up
     * (shape, gradient) as for a fresh run.
     */
    private static void initialiseFrom(PairList<String, Parameter> parameters, TrainingCheckpoint checkpoint) {
        if (!checkpoint.parameters().keySet().equals(new HashSet<>(parameters.keys()))) {
            throw new IllegalArgumentException("the checkpoint holds parameters " + checkpoint.parameters().keySet()
                    + ", the model has " + parameters.keys());
        }
        for (Pair<String, Parameter> parameter : parameters) {
            String name = parameter.getKey();
            FloatTensor saved = checkpoint.parameters().get(name);
            parameter.getValue().setInitializer((manager, shape, dataType) -> {
                if (!saved.djlShape().equals(shape)) {
                    throw new IllegalArgumentException("the checkpoint's parameter '" + name + "' has shape "
                            + Arrays.toString(saved.shape()) + ", the model's has " + shape);
                }
                return ResumableOptimizer.engineCopy(manager, saved);
            });
        }
    }

    private static TrainingCheckpoint checkpoint(TrainingRun run, int epoch, Block network,
            ResumableOptimizer optimizer) {
        Map<String, FloatTensor> parameters = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : network.getParameters()) {
            parameters.put(parameter.getKey(), FloatTensor.of(parameter.getValue().getArray()));
        }
        return new TrainingCheckpoint(epoch, 0, run.seed(), run.data().train().size(), run.hyperparameters(),
                optimizer.state(), parameters);
    }

    /** Trains one epoch into {@code totals}; returns the reason when a stop was requested before some batch. */
    private static Optional<String> trainEpoch(Trainer trainer, LabeledImages images, Shape sample, int batchSize,
            int[] order, StopSignal stop, Regularisation l2, RunningTotals totals) {
        BatchBuffer buffer = new BatchBuffer(images, sample, batchSize);
        for (int from = 0; from < order.length; from += batchSize) {
            Optional<String> stopReason = stop.stopReason();
            if (stopReason.isPresent()) {
                return stopReason;
            }
            int to = Math.min(from + batchSize, order.length);
            try (NDManager batchManager = trainer.getManager().newSubManager()) {
                NDList batch = buffer.fill(batchManager, order, from, to);
                NDArray labels = batch.get(1);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(batch.get(0))).singletonOrThrow();
                    NDArray loss = l2.addTo(trainer.getLoss().evaluate(new NDList(labels), new NDList(logits)),
                            batchManager);
                    collector.backward(loss);
                    totals.add(loss.getFloat(), correct(logits, labels), to - from);
                }
                trainer.step();
            }
        }
        return Optional.empty();
    }

    private static RunningTotals evaluate(Trainer trainer, LabeledImages images, Shape sample, Regularisation l2) {
        RunningTotals totals = new RunningTotals(l2.value(trainer.getManager()));
        int[] order = identityOrder(images.size());
        BatchBuffer buffer = new BatchBuffer(images, sample, VALIDATION_BATCH);
        for (int from = 0; from < order.length; from += VALIDATION_BATCH) {
            int to = Math.min(from + VALIDATION_BATCH, order.length);
            try (NDManager batchManager = trainer.getManager().newSubManager()) {
                NDList batch = buffer.fill(batchManager, order, from, to);
                NDArray labels = batch.get(1);
                NDArray logits = trainer.evaluate(new NDList(batch.get(0))).singletonOrThrow();
                NDArray loss = trainer.getLoss().evaluate(new NDList(labels), new NDList(logits));
                totals.add(loss.getFloat(), correct(logits, labels), to - from);
            }
        }
        return totals;
    }

    private static long correct(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels).countNonzero().getLong();
    }

    /** The engine seed for epoch {@code epoch}'s dropout masks: depends only on the trial's seed and the epoch. */
    static int dropoutSeed(long seed, int epoch) {
        return Long.hashCode(seed ^ (epoch * 0xC2B2AE3D27D4EB4FL) ^ 0x2545F4914F6CDD1DL);
    }

    /** Fisher-Yates with a generator seeded from the trial's seed and the epoch alone. */
    static int[] shuffledOrder(int size, long seed, int epoch) {
        int[] order = identityOrder(size);
        Random random = new Random(seed ^ (epoch * 0x9E3779B97F4A7C15L));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swapped = order[i];
            order[i] = order[j];
            order[j] = swapped;
        }
        return order;
    }

    private static int[] identityOrder(int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        return order;
    }

    private static Map<String, Double> metrics(RunningTotals trained, RunningTotals validated) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(EpochMetrics.LOSS, trained.meanLoss());
        metrics.put(EpochMetrics.ACCURACY, trained.accuracy());
        metrics.put(EpochMetrics.VAL_LOSS, validated.meanLoss());
        metrics.put(EpochMetrics.VAL_ACCURACY, validated.accuracy());
        return metrics;
    }

    /**
     * Copies samples into one reused Java array per batch, so an epoch does not allocate 188 MB of garbage, and
     * shapes them {@code (count, sample shape...)}.
     */
    private static final class BatchBuffer {

        private final LabeledImages images;
        private final Shape sample;
        private final float[] features;
        private final int[] labels;

        BatchBuffer(LabeledImages images, Shape sample, int batchSize) {
            int capacity = Math.min(batchSize, images.size());
            this.images = images;
            this.sample = sample;
            this.features = new float[capacity * images.featuresPerImage()];
            this.labels = new int[capacity];
        }

        NDList fill(NDManager manager, int[] order, int from, int to) {
            int count = to - from;
            int width = images.featuresPerImage();
            for (int i = 0; i < count; i++) {
                images.copyFeatures(order[from + i], features, i * width);
                labels[i] = images.label(order[from + i]);
            }
            NDArray x = manager.create(FloatBuffer.wrap(features, 0, count * width), new Shape(count).addAll(sample));
            NDArray y = manager.create(IntBuffer.wrap(labels, 0, count), new Shape(count));
            return new NDList(x, y);
        }
    }

    /** Keras' L2 kernel regularisation on every weight parameter, or nothing when {@code lambda} is 0. */
    private record Regularisation(List<Parameter> kernels, float lambda) {

        /** {@code loss} plus the penalty, computed in {@code scope}, so that the gradient includes it. */
        NDArray addTo(NDArray loss, NDManager scope) {
            return lambda == 0f ? loss : loss.add(L2Penalty.of(kernels, lambda, scope));
        }

        /** The penalty at the current weights. */
        double value(NDManager manager) {
            if (lambda == 0f) {
                return 0;
            }
            try (NDManager scope = manager.newSubManager()) {
                return L2Penalty.of(kernels, lambda, scope).getFloat();
            }
        }
    }

    /**
     * Sums over an epoch's batches, each weighted by its number of samples, as Keras averages them; a constant
     * penalty (validation's L2 term, as Keras adds it to {@code val_loss}) is added to the mean loss.
     */
    private static final class RunningTotals {

        private final double penalty;
        private double lossSum;
        private long correct;
        private long samples;

        void add(float meanBatchLoss, long batchCorrect, int batchSamples) {
            lossSum += (double) meanBatchLoss * batchSamples;
            correct += batchCorrect;
            samples += batchSamples;
        }

        RunningTotals() {
            this(0);
        }

        RunningTotals(double penalty) {
            this.penalty = penalty;
        }

        double meanLoss() {
            return lossSum / samples + penalty;
        }

        double accuracy() {
            return (double) correct / samples;
        }
    }
}
