package dev.hpo.runner.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stop requests this runner has heard of, by trial id and attempt, with their reasons. Requests are kept
 * whether or not the runner holds the trial, because the request for that attempt may still be waiting in Kafka;
 * only the most recent {@code capacity} are kept, so the set cannot grow without limit. Thread-safe: the control
 * consumer adds, the training thread asks between batches.
 */
public final class StopRequests {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final Map<Key, String> reasons;

    public StopRequests() {
        this(DEFAULT_CAPACITY);
    }

    public StopRequests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.reasons = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers that this attempt of the trial is to stop; a repeated request keeps its first reason. */
    public synchronized void request(String trialId, int attempt, String reason) {
        reasons.putIfAbsent(new Key(trialId, attempt), reason == null || reason.isBlank() ? "stop requested" : reason);
    }

    /** The reason this attempt of the trial is to stop, or empty if no stop was requested. */
    public synchronized Optional<String> reason(String trialId, int attempt) {
        return Optional.ofNullable(reasons.get(new Key(trialId, attempt)));
    }

    /** A signal for one attempt of one trial. */
    public StopSignal signalFor(String trialId, int attempt) {
        return () -> reason(trialId, attempt);
    }

    public synchronized int size() {
        return reasons.size();
    }

    private record Key(String trialId, int attempt) {
    }
}
