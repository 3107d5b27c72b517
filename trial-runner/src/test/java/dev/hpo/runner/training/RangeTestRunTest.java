package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hpo.checkpoint.FileCheckpointStore;
import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.RangeTest;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;

/** A learning-rate range test on real Fashion-MNIST: rates grow geometrically, the loss falls, then explodes. */
class RangeTestRunTest {

    private static final int STEPS = 200;

    @TempDir
    Path checkpointDir;

    @Test
    void reportsEveryStepWithItsRateAndLossAndStopsTrainingOnceTheLossExplodes() {
        RealFashionMnist.load();
        List<TrialEvent> events = new ArrayList<>();
        TrialService service = new TrialService(RealFashionMnist.catalog(), TestParams.BUILDERS, new ModelTrainer(),
                new FileCheckpointStore(checkpointDir), new StopRequests(), events::add,
                new Heartbeats(events::add, "runner-test", Duration.ofHours(1)), "runner-test", OptionalInt.empty());

        service.run(new TrialRequest("t-lr", 1, "s-lr", Map.of("units", 128), null, DatasetSpec.FASHION_MNIST, 0,
                STEPS, null, 11L, new RangeTest(1e-6, 10, STEPS)));

        List<TrialEvent.EpochCompleted> steps = events.stream().filter(TrialEvent.EpochCompleted.class::isInstance)
                .map(TrialEvent.EpochCompleted.class::cast).toList();
        assertEquals(STEPS, steps.size());
        assertEquals(new TrialEvent.Completed("t-lr", 1, "runner-test", STEPS), events.get(events.size() - 1));
        for (int k = 0; k < STEPS; k++) {
            assertEquals(k + 1, steps.get(k).epoch());
            assertEquals(1e-6 * Math.pow(1e7, k / (STEPS - 1.0)), steps.get(k).metrics().get("learning_rate"),
                    1e-9 * steps.get(k).metrics().get("learning_rate"));
        }
        double initial = steps.get(0).metrics().get("smoothed_loss");
        double lowest = steps.stream().filter(s -> s.metrics().containsKey("smoothed_loss"))
                .mapToDouble(s -> s.metrics().get("smoothed_loss")).min().orElseThrow();
        assertTrue(lowest < initial / 2, "the loss should fall well below its start: " + initial + " -> " + lowest);
        assertTrue(steps.get(STEPS - 1).metrics().containsKey("diverged"), "Adam at a rate of 10 must diverge");
        assertFalse(steps.get(STEPS - 1).metrics().containsKey("loss"));
        assertFalse(steps.get(0).metrics().containsKey("diverged"));
    }
}
