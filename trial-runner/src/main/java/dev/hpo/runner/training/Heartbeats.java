package dev.hpo.runner.training;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.hpo.protocol.TrialEvent;

/**
 * Sends {@code Heartbeat} events for the trial being trained, every {@code interval}, from a scheduler thread of its
 * own, so that a slow epoch does not delay them and sending them does not delay training. study-service renews the
 * trial's lease on each one and tells a lost runner (no heartbeat) from a slow one.
 * <p>
 * A heartbeat is never sent after {@link Beat#close()} returns: the trainer closes the beat before it reports the
 * trial's last event, so heartbeats fall between {@code Started} and the end. A heartbeat that cannot be sent is
 * logged and the next one tried; it never fails the trial.
 */
public final class Heartbeats implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Heartbeats.class);

    private final TrialEventSink events;
    private final String runnerId;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;

    public Heartbeats(TrialEventSink events, String runnerId, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be > 0, was " + interval);
        }
        this.events = events;
        this.runnerId = runnerId;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hpo-heartbeats");
            thread.setDaemon(true);
            return thread;
        });
    }

    public Duration interval() {
        return interval;
    }

    /** Starts heartbeats for one attempt of a trial; the first one goes out one interval from now. */
    public Beat start(String trialId, int attempt) {
        Beat beat = new Beat(new TrialEvent.Heartbeat(trialId, attempt, runnerId));
        long nanos = interval.toNanos();
        beat.future = scheduler.scheduleAtFixedRate(beat::send, nanos, nanos, TimeUnit.NANOSECONDS);
        return beat;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** The heartbeats of one trial attempt. */
    public final class Beat implements AutoCloseable {

        private final TrialEvent.Heartbeat heartbeat;
        private ScheduledFuture<?> future;
        private boolean closed;

        private Beat(TrialEvent.Heartbeat heartbeat) {
            this.heartbeat = heartbeat;
        }

        private synchronized void send() {
            if (closed) {
                return;
            }
            try {
                events.publish(heartbeat);
            } catch (RuntimeException e) {
                LOG.warnf("trial %s attempt %d: heartbeat not sent (%s); trying again in %s", heartbeat.trialId(),
                        heartbeat.attempt(), e.getMessage(), interval);
            }
        }

        /** Stops the heartbeats; waits for one being sent at this moment, so none follows this call. */
        @Override
        public synchronized void close() {
            closed = true;
            future.cancel(false);
        }
    }
}
