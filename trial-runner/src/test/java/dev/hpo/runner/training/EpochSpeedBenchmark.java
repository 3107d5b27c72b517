package dev.hpo.runner.training;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.hpo.runner.data.DatasetSplits;

/**
 * Not part of the test suite (Surefire runs only {@code *Test} classes): the speed of one training trial, all
 * 60,000 images, batch 128, 128 units, Adam, one engine thread. Run with
 * {@code ./mvnw -B -o verify -pl trial-runner -Dtest=EpochSpeedBenchmark}; it prints each epoch's wall seconds and
 * the training thread's CPU seconds (with one engine thread PyTorch computes on the calling thread, so CPU time is
 * what other processes on a busy machine inflate less), and the medians of epochs 2-4 (more with
 * {@code -Dhpo.benchmark.epochs=8}). {@code -Dhpo.benchmark.builder=cnn} times the {@code cnn} builder's defaults
 * instead of the {@code mlp}'s.
 */
class EpochSpeedBenchmark {

    @Test
    void epochSecondsOnAllTrainingImages() {
        DatasetSplits data = RealFashionMnist.load();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        long[] cpuAtStart = {threads.getCurrentThreadCpuTime()};
        int epochs = Integer.getInteger("hpo.benchmark.epochs", 4);
        boolean cnn = "cnn".equals(System.getProperty("hpo.benchmark.builder", "mlp"));
        TrialHyperparameters defaults = cnn ? TestParams.cnn(Map.of()) : TestParams.mlpDefaults();
        new ModelTrainer().train(TestParams.run(defaults, data, 0, epochs, null, 42L),
                (epoch, metrics, elapsed) -> {
                    long now = threads.getCurrentThreadCpuTime();
                    wall.add(elapsed);
                    cpu.add((now - cpuAtStart[0]) / 1e9);
                    cpuAtStart[0] = now;
                    System.out.printf("epoch %d: %.3f s wall, %.3f s cpu %s%n", epoch, elapsed,
                            cpu.get(cpu.size() - 1), metrics);
                }, StopSignal.NEVER);
        System.out.printf("EPOCH-SECONDS wall %s cpu %s; medians of epochs 2-%d: %.3f s wall, %.3f s cpu%n", wall,
                cpu, epochs, medianAfterFirst(wall), medianAfterFirst(cpu));
    }

    private static double medianAfterFirst(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values.subList(1, values.size()));
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
