package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import dev.hpo.protocol.TrialEvent;

class HeartbeatsTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);
    /** How long a test waits for heartbeats that are due every {@link #INTERVAL}. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<TrialEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void beatsEveryIntervalUntilClosedAndNeverAfter() throws InterruptedException {
        try (Heartbeats heartbeats = new Heartbeats(events::add, "runner-1", INTERVAL)) {
            Heartbeats.Beat beat = heartbeats.start("t-1", 2);
            awaitUntil(() -> events.size() >= 3, "3 heartbeats at an interval of " + INTERVAL.toMillis() + " ms");
            beat.close();
            int sent = events.size();
            Thread.sleep(5 * INTERVAL.toMillis());

            assertTrue(sent >= 3, sent + " heartbeats");
            assertEquals(sent, events.size(), "none after close");
            assertTrue(events.stream().allMatch(new TrialEvent.Heartbeat("t-1", 2, "runner-1")::equals), events
                    .toString());
        }
    }

    @Test
    void aHeartbeatThatCannotBeSentIsSkippedAndTheNextOneGoesOut() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        TrialEventSink flaky = event -> {
            if (attempts.incrementAndGet() == 1) {
                throw new EventPublishingException("broker away", null);
            }
            events.add(event);
        };
        try (Heartbeats heartbeats = new Heartbeats(flaky, "runner-1", INTERVAL)) {
            try (Heartbeats.Beat beat = heartbeats.start("t-1", 1)) {
                awaitUntil(() -> !events.isEmpty(), "a heartbeat to go out after the one that failed");
            }
        }

        assertTrue(attempts.get() >= 2 && !events.isEmpty(), attempts + " attempts, " + events.size() + " sent");
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new Heartbeats(events::add, "r", Duration.ZERO));
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
            Thread.sleep(5);
        }
    }
}
