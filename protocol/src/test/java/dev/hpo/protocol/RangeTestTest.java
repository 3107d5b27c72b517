package dev.hpo.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class RangeTestTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void learningRateGrowsGeometricallyFromMinToMax() {
        RangeTest test = new RangeTest(1e-6, 1.0, 7);

        assertEquals(1e-6, test.learningRate(0), 1e-18);
        assertEquals(1e-5, test.learningRate(1), 1e-17);
        assertEquals(1e-3, test.learningRate(3), 1e-15);
        assertEquals(1.0, test.learningRate(6), 1e-12);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RangeTest(0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> new RangeTest(1e-3, 1e-4, 10));
        assertThrows(IllegalArgumentException.class, () -> new RangeTest(1e-3, 1, 1));
    }

    @Test
    void aRequestCarriesItsRangeTestThroughJsonAndOldRequestsHaveNone() throws Exception {
        TrialRequest request = new TrialRequest("t", 1, "s", Map.of("units", 64), null, null, 0, 100, null, 7L,
                new RangeTest(1e-7, 10, 100));

        TrialRequest back = json.readValue(json.writeValueAsString(request), TrialRequest.class);

        assertEquals(request, back);
        assertNull(json.readValue("""
                {"trialId": "t", "attempt": 1, "studyId": "s", "initialEpoch": 0, "targetEpoch": 3, "seed": 1}""",
                TrialRequest.class).rangeTest());
    }

    @Test
    void aRangeTestRequestCoversAllItsStepsAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> new TrialRequest("t", 1, "s", Map.of(), null, null, 0, 50,
                null, 7L, new RangeTest(1e-7, 10, 100)));
    }
}
