package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.hpo.protocol.DatasetSpec;
import dev.hpo.protocol.ModelSpec;
import dev.hpo.protocol.TrialEvent;
import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.data.DatasetCatalog;

class TrialServiceTest {

    private final List<TrialEvent> events = new ArrayList<>();
    private final TrialService service = new TrialService(new DatasetCatalog(RealFashionMnist.DIRECTORY),
            new MlpTrainer(), events::add, "runner-test", OptionalInt.of(300));

    @Test
    void reportsStartedEachEpochAndCompletedInOrder() {
        RealFashionMnist.load();

        service.run(request(Map.of(), null, DatasetSpec.FASHION_MNIST, null));

        assertEquals(List.of("Started", "EpochCompleted", "EpochCompleted", "Completed"), types());
        assertEquals(2, assertInstanceOf(TrialEvent.EpochCompleted.class, events.get(2)).epoch());
        assertEquals(2, assertInstanceOf(TrialEvent.Completed.class, events.get(3)).epochs());
        assertTrue(events.stream().allMatch(e -> e.trialId().equals("t-1") && e.runnerId().equals("runner-test")));
    }

    @Test
    void unknownDatasetFailsWithoutStarting() {
        service.run(request(Map.of(), null, new DatasetSpec("imagenet", null), null));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("unknown dataset 'imagenet'"), reason());
    }

    @Test
    void unknownModelBuilderFailsWithoutStarting() {
        service.run(request(Map.of(), new ModelSpec("resnet"), DatasetSpec.FASHION_MNIST, null));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("unknown model builder 'resnet'"), reason());
    }

    @Test
    void badHyperparameterValueFailsNamingIt() {
        service.run(request(Map.of("units", 0), null, DatasetSpec.FASHION_MNIST, null));

        assertEquals(List.of("Failed"), types());
        assertTrue(reason().contains("units must be >= 1, was 0"), reason());
    }

    @Test
    void checkpointFailsAsResumeNotSupported() {
        RealFashionMnist.load();

        service.run(request(Map.of(), null, DatasetSpec.FASHION_MNIST, "file:/checkpoints/t-1"));

        assertEquals(List.of("Started", "Failed"), types());
        assertTrue(reason().contains("resume not supported yet"), reason());
    }

    private static TrialRequest request(Map<String, Object> params, ModelSpec model, DatasetSpec dataset,
            String checkpoint) {
        int initialEpoch = checkpoint == null ? 0 : 1;
        return new TrialRequest("t-1", 1, "s-1", params, model, dataset, initialEpoch, initialEpoch + 2, checkpoint,
                3L);
    }

    private List<String> types() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private String reason() {
        return assertInstanceOf(TrialEvent.Failed.class, events.get(events.size() - 1)).reason();
    }
}
