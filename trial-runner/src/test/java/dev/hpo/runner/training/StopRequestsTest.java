package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class StopRequestsTest {

    @Test
    void remembersAStopForThatAttemptOnly() {
        StopRequests stops = new StopRequests();

        stops.request("t1", 2, "pruned at epoch 3");

        assertEquals(Optional.of("pruned at epoch 3"), stops.reason("t1", 2));
        assertEquals(Optional.empty(), stops.reason("t1", 1));
        assertEquals(Optional.empty(), stops.reason("t1", 3));
        assertEquals(Optional.empty(), stops.reason("t2", 2));
    }

    @Test
    void keepsTheFirstReasonOfARepeatedStop() {
        StopRequests stops = new StopRequests();

        stops.request("t1", 1, "study cancelled");
        stops.request("t1", 1, "pruned");

        assertEquals(Optional.of("study cancelled"), stops.reason("t1", 1));
        assertEquals(1, stops.size());
    }

    @Test
    void aStopWithoutReasonStillStops() {
        StopRequests stops = new StopRequests();

        stops.request("t1", 1, null);

        assertEquals(Optional.of("stop requested"), stops.signalFor("t1", 1).stopReason());
    }

    @Test
    void forgetsTheOldestBeyondItsCapacity() {
        StopRequests stops = new StopRequests(3);

        for (int i = 1; i <= 5; i++) {
            stops.request("t" + i, 1, "r" + i);
        }

        assertEquals(3, stops.size());
        assertEquals(Optional.empty(), stops.reason("t1", 1));
        assertEquals(Optional.empty(), stops.reason("t2", 1));
        assertEquals(Optional.of("r5"), stops.reason("t5", 1));
    }

    @Test
    void theDefaultCapacityIsTenThousand() {
        StopRequests stops = new StopRequests();

        for (int i = 0; i < 10_500; i++) {
            stops.request("t" + i, 1, "r");
        }

        assertEquals(StopRequests.DEFAULT_CAPACITY, stops.size());
        assertEquals(10_000, StopRequests.DEFAULT_CAPACITY);
    }
}
