package dev.hpo.runner.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.hpo.protocol.TrialEvent;

class HeartbeatsTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private final List<TrialEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void beatsEveryIntervalUntilClosedAndNeverAfter() throws InterruptedException {
        try (Heartbeats heartbeats = new Heartbeats(events::add, "runner-1", INTERVAL)) {
            Heartbeats.Beat beat = heartbeats.start("t-1", 2);
            Thread.sleep(300);
            beat.close();
            int sent = events.size();
            Thread.sleep(100);

            assertTrue(sent >= 3, sent + " heartbeats in 300 ms at an interval of 20 ms");
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
                Thread.sleep(200);
            }
        }

        assertTrue(attempts.get() >= 2 && !events.isEmpty(), attempts + " attempts, " + events.size() + " sent");
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new Heartbeats(events::add, "r", Duration.ZERO));
    }
}
