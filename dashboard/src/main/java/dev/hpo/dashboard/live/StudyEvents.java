package dev.hpo.dashboard.live;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.protocol.StudyEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Study events as they arrive, for every open page that wants them. Each subscriber sees the events that arrive
 * after it subscribed; one that falls behind keeps only the latest, which is enough, since an event only tells a
 * page to read the study again.
 */
@ApplicationScoped
public class StudyEvents {

    private final BroadcastProcessor<StudyEvent> processor = BroadcastProcessor.create();

    /** Hands an event to every subscriber; called by one thread at a time (the Kafka channel's). */
    public void publish(StudyEvent event) {
        processor.onNext(event);
    }

    /** Every study's events. */
    public Multi<StudyEvent> all() {
        return processor.onOverflow().dropPreviousItems();
    }

    /** One study's events. */
    public Multi<StudyEvent> of(String studyId) {
        return processor.filter(e -> studyId.equals(e.studyId())).onOverflow().dropPreviousItems();
    }
}
