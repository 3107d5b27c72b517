package dev.hpo.runner.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.hpo.protocol.TrialControl;
import dev.hpo.runner.training.StopRequests;

/**
 * Reads study-service's {@link TrialControl} messages and remembers the stop requests, which the training loop
 * asks between batches.
 * <p>
 * Every runner must see every message, because only the runner holding a trial can stop it and any runner may hold
 * it. So each runner process reads in a consumer group of its own, {@code hpo-trial-control-<runner id>} (the id is
 * unique per process: {@code <hostname>-<pid>} unless configured), rather than in a shared group, where Kafka would
 * hand each message to one runner only. The group never commits offsets and starts from the earliest retained
 * message: a runner that restarts (and gets its unfinished trial request again) thus relearns the stops sent
 * while it was away, and one that starts late still skips requests that were stopped before they were picked up.
 * The bounded {@link StopRequests} keeps only the newest, so replaying the retained topic costs little memory. A
 * group without committed offsets leaves nothing behind on the broker when the runner goes away.
 * <p>
 * A record that is not a {@code TrialControl} is logged and skipped; nothing here may stop the channel.
 */
@ApplicationScoped
public class TrialControlConsumer {

    public static final String CHANNEL = "trial-control";

    /** Identifier of the bean with this channel's per-process Kafka settings. */
    public static final String KAFKA_CONFIGURATION = "trial-control-kafka";

    private static final Logger LOG = Logger.getLogger(TrialControlConsumer.class);
    private static final int QUOTED_PREFIX = 200;

    private final ObjectReader reader;
    private final StopRequests stops;

    public TrialControlConsumer(ObjectMapper mapper, StopRequests stops) {
        this.reader = mapper.readerFor(TrialControl.class);
        this.stops = stops;
    }

    /** The consumer group of one runner process. */
    public static String groupId(String runnerId) {
        return "hpo-trial-control-" + runnerId;
    }

    @Incoming(CHANNEL)
    public void consume(String json) {
        TrialControl control;
        try {
            control = json == null || json.isBlank() ? null : reader.readValue(json);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("skipping a trial-control record that is not a TrialControl (%s): '%s'", e.getMessage(),
                    abbreviate(json));
            return;
        }
        if (control == null || control.trialId() == null || control.trialId().isBlank()) {
            LOG.warnf("skipping a trial-control record without a trial id: '%s'", abbreviate(json));
            return;
        }
        if (control instanceof TrialControl.Stop stop) {
            stops.request(stop.trialId(), stop.attempt(), stop.reason());
            LOG.debugf("stop requested for trial %s attempt %d: %s", stop.trialId(), stop.attempt(), stop.reason());
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= QUOTED_PREFIX ? text : text.substring(0, QUOTED_PREFIX) + "...";
    }
}
