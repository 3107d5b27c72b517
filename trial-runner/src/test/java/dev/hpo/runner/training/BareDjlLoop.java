package dev.hpo.runner.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.hpo.runner.data.DatasetSplits;
import dev.hpo.runner.data.LabeledImages;
import dev.hpo.runner.model.ModelInput;

/**
 * The benchmarks' bare DJL loop: the {@code mlp} builder's default network, DJL's own Adam with the trainer's
 * settings, batch {@value #BATCH}, the batches gathered on the engine from the preloaded training set, each batch's
 * loss and accuracy read back as the trainer reads them, and the validation pass in batches of
 * {@link ModelTrainer#VALIDATION_BATCH}. Each training epoch's time is also split into its phases, in wall and in
 * the calling thread's CPU time (both clocks read between phases; with one engine thread PyTorch computes eagerly on
 * the calling thread, so a phase's CPU time is its work, and what other processes take shows only in wall time).
 */
final class BareDjlLoop {

    static final int BATCH = 128;

    /** Where a training epoch's time goes, in the order of a batch. */
    static final List<String> PHASES = List.of("gather", "forwardAndLoss", "backward", "lossAndAccuracyRead",
            "closeCollector", "optimizerStep", "closeBatch");

    private static final int GATHER = 0;
    private static final int FORWARD = 1;
    private static final int BACKWARD = 2;
    private static final int READ = 3;
    private static final int CLOSE_COLLECTOR = 4;
    private static final int STEP = 5;
    private static final int CLOSE_BATCH = 6;

    /**
     * One epoch.
     *
     * @param trainSeconds      wall seconds of the training batches
     * @param trainCpuSeconds   the calling thread's CPU seconds for the same
     * @param validationSeconds wall seconds of the validation pass
     * @param phaseSeconds      the training batches' wall seconds by {@link #PHASES}
     * @param phaseCpuSeconds   the same in the calling thread's CPU seconds
     */
    record Epoch(double trainSeconds, double trainCpuSeconds, double validationSeconds,
            Map<String, Double> phaseSeconds, Map<String, Double> phaseCpuSeconds) {

        double seconds() {
            return trainSeconds + validationSeconds;
        }
    }

    /**
     * @param totalSeconds wall seconds from building the model to the end, data copied onto the engine included
     * @param epochs       each epoch
     */
    record Run(double totalSeconds, List<Epoch> epochs) {
    }

    private BareDjlLoop() {
    }

    /** Trains {@code epochs} epochs of all of {@code data}'s training images from a fresh model. */
    static Run train(DatasetSplits data, int epochs) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Epoch> done = new ArrayList<>();
        long start = System.nanoTime();
        try (Model model = Model.newInstance("mlp");
                NDManager manager = NDManager.newBaseManager()) {
            ModelInput input = new ModelInput(new Shape(data.shape().stream().mapToLong(Integer::longValue)
                    .toArray()), data.classes());
            model.setBlock(TestParams.BUILDERS.get("mlp").build(input, Map.of()));
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).optBeta1(0.9f)
                    .optBeta2(0.999f).optEpsilon(1e-7f).build();
            NDArray[] train = arrays(manager, data.train(), input.shape());
            NDArray[] validation = arrays(manager, data.validation(), input.shape());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(adam))) {
                trainer.initialize(new Shape(1).addAll(input.shape()));
                int size = data.train().size();
                for (int epoch = 0; epoch < epochs; epoch++) {
                    long[] phases = new long[2 * PHASES.size()];
                    long epochStart = System.nanoTime();
                    long cpuStart = threads.getCurrentThreadCpuTime();
                    NDArray order = manager.randomPermutation(size);
                    for (int from = 0; from < size; from += BATCH) {
                        long[] t = {System.nanoTime(), threads.getCurrentThreadCpuTime()};
                        try (NDManager batch = trainer.getManager().newSubManager()) {
                            NDArray indices = order.get(new NDIndex("{}:{}", from, Math.min(from + BATCH, size)));
                            indices.attach(batch);
                            NDArray x = train[0].get(indices);
                            NDArray y = train[1].get(indices);
                            x.attach(batch);
                            y.attach(batch);
                            t = lap(threads, phases, GATHER, t);
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                                NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                                t = lap(threads, phases, FORWARD, t);
                                collector.backward(loss);
                                t = lap(threads, phases, BACKWARD, t);
                                loss.getFloat();
                                logits.argMax(1).eq(y).countNonzero().getLong();
                                t = lap(threads, phases, READ, t);
                            }
                            t = lap(threads, phases, CLOSE_COLLECTOR, t);
                            trainer.step();
                            t = lap(threads, phases, STEP, t);
                        }
                        lap(threads, phases, CLOSE_BATCH, t);
                    }
                    order.close();
                    long trainEnd = System.nanoTime();
                    double trainCpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                    for (int from = 0; from < data.validation().size(); from += ModelTrainer.VALIDATION_BATCH) {
                        try (NDManager batch = trainer.getManager().newSubManager()) {
                            NDIndex rows = new NDIndex("{}:{}", from, from + ModelTrainer.VALIDATION_BATCH);
                            NDArray x = validation[0].get(rows);
                            NDArray y = validation[1].get(rows);
                            x.attach(batch);
                            y.attach(batch);
                            NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
                            trainer.getLoss().evaluate(new NDList(y), new NDList(logits)).getFloat();
                            logits.argMax(1).eq(y).countNonzero().getLong();
                        }
                    }
                    Map<String, Double> phaseSeconds = new LinkedHashMap<>();
                    Map<String, Double> phaseCpuSeconds = new LinkedHashMap<>();
                    for (int phase = 0; phase < PHASES.size(); phase++) {
                        phaseSeconds.put(PHASES.get(phase), phases[2 * phase] / 1e9);
                        phaseCpuSeconds.put(PHASES.get(phase), phases[2 * phase + 1] / 1e9);
                    }
                    done.add(new Epoch((trainEnd - epochStart) / 1e9, trainCpu, (System.nanoTime() - trainEnd) / 1e9,
                            phaseSeconds, phaseCpuSeconds));
                }
            }
        }
        return new Run((System.nanoTime() - start) / 1e9, done);
    }

    /** Adds the wall and CPU time since {@code since} to {@code phase}; returns the clocks' readings now. */
    private static long[] lap(ThreadMXBean threads, long[] phases, int phase, long[] since) {
        long[] now = {System.nanoTime(), threads.getCurrentThreadCpuTime()};
        phases[2 * phase] += now[0] - since[0];
        phases[2 * phase + 1] += now[1] - since[1];
        return now;
    }

    private static NDArray[] arrays(NDManager manager, LabeledImages images, Shape sample) {
        int width = images.featuresPerImage();
        float[] features = new float[images.size() * width];
        int[] labels = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            images.copyFeatures(i, features, i * width);
            labels[i] = images.label(i);
        }
        return new NDArray[] {manager.create(features, new Shape(images.size()).addAll(sample)),
            manager.create(labels)};
    }
}
