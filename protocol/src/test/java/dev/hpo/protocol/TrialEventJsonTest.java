package dev.hpo.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TrialEventJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void epochCompletedKeepsItsTypeAndMetricsThroughJson() throws Exception {
        TrialEvent event = new TrialEvent.EpochCompleted("t1", 2, "runner-a", 3,
                Map.of("val_accuracy", 0.86, "loss", 0.41), 1.25);

        String text = json.writeValueAsString(event);
        TrialEvent back = json.readValue(text, TrialEvent.class);

        assertTrue(text.contains("\"type\":\"EpochCompleted\""), text);
        assertEquals(event, back);
        assertEquals(0.86, assertInstanceOf(TrialEvent.EpochCompleted.class, back).metrics().get("val_accuracy"));
    }

    @Test
    void checkpointedAndStoppedEventsRoundTrip() throws Exception {
        for (TrialEvent event : new TrialEvent[] {
                new TrialEvent.Checkpointed("t1", 1, "r", 4, "s1/t1/epoch-0004.ckpt"),
                new TrialEvent.Stopped("t1", 1, "r", 3, "median rule")}) {
            assertEquals(event, json.readValue(json.writeValueAsString(event), TrialEvent.class));
        }
    }

    @Test
    void stopControlRoundTrips() throws Exception {
        TrialControl stop = new TrialControl.Stop("t1", 2, "val_accuracy 0.71 < median 0.80");
        String text = json.writeValueAsString(stop);
        assertTrue(text.contains("\"type\":\"Stop\""), text);
        assertEquals(stop, json.readValue(text, TrialControl.class));
    }

    @Test
    void unknownEventTypeIsRejected() {
        assertThrows(Exception.class,
                () -> json.readValue("{\"type\":\"Exploded\",\"trialId\":\"t1\"}", TrialEvent.class));
    }

    @Test
    void trialRequestRoundTripsWithDefaultsForModelAndDataset() throws Exception {
        TrialRequest request = new TrialRequest("t1", 1, "s1", Map.of("units", 128, "learning_rate", 0.001),
                null, new DatasetSpec("fashion-mnist", 2000), 0, 2, null, 42L);

        TrialRequest back = json.readValue(json.writeValueAsString(request), TrialRequest.class);

        assertEquals(request, back);
        assertEquals("mlp", back.model().builder());
        assertEquals(2000, back.dataset().trainLimit());
    }

    @Test
    void aRequestWrittenBeforeTheCsvFieldsExistedStillParses() throws Exception {
        String old = "{\"trialId\":\"t1\",\"attempt\":1,\"studyId\":\"s1\",\"params\":{\"units\":64},"
                + "\"model\":{\"builder\":\"mlp\"},\"dataset\":{\"name\":\"fashion-mnist\",\"trainLimit\":null},"
                + "\"initialEpoch\":0,\"targetEpoch\":2,\"checkpoint\":null,\"seed\":7}";

        TrialRequest request = json.readValue(old, TrialRequest.class);

        assertEquals(DatasetSpec.FASHION_MNIST, request.dataset());
        assertEquals(null, request.dataset().path());
        assertEquals(null, request.dataset().featureColumns());
    }

    @Test
    void builtInDatasetIsWrittenWithoutTheCsvFields() throws Exception {
        String text = json.writeValueAsString(new DatasetSpec("mnist", 500));

        assertEquals("{\"name\":\"mnist\",\"trainLimit\":500}", text);
    }

    @Test
    void csvDatasetRoundTripsWithEveryField() throws Exception {
        DatasetSpec csv = new DatasetSpec("csv", 100, "/data/iris.csv", "species",
                List.of("sepal_length", "petal_length"), 0.25);
        TrialRequest request = new TrialRequest("t1", 1, "s1", Map.of(), null, csv, 0, 1, null, 1L);

        TrialRequest back = json.readValue(json.writeValueAsString(request), TrialRequest.class);

        assertEquals(csv, back.dataset());
    }

    @Test
    void datasetRefusesAValidationSplitOutsideZeroToOne() {
        for (double split : new double[] {0, 1, -0.1, 1.5}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new DatasetSpec("csv", null, "/d.csv", "y", null, split));
            assertTrue(error.getMessage().startsWith("validationSplit must be in (0, 1)"), error.getMessage());
        }
    }

    @Test
    void trialRequestRefusesTargetEpochNotAfterInitialEpoch() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TrialRequest("t1", 1, "s1", Map.of(), null, null, 3, 3, null, 1L));
        assertTrue(error.getMessage().contains("targetEpoch"), error.getMessage());
    }
}
