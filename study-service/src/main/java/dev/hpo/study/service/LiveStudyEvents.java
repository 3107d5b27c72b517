package dev.hpo.study.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.hpo.protocol.StudyEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Study events as they arrive from {@code hpo.study-events}, for every open {@code /api/studies/{id}/events}
 * stream. Read from the topic rather than from this instance's own publishing, because another instance may
 * decide about a study's trials. A subscriber that falls behind keeps only the latest event, which is enough: an
 * event only tells the client to read the study again.
 */
@ApplicationScoped
public class LiveStudyEvents {

    private final BroadcastProcessor<StudyEvent> processor = BroadcastProcessor.create();

    /** Called by one thread at a time (the Kafka channel's). */
    public void publish(StudyEvent event) {
        processor.onNext(event);
    }

    public Multi<StudyEvent> of(String studyId) {
        return processor.filter(e -> studyId.equals(e.studyId())).onOverflow().dropPreviousItems();
    }
}
