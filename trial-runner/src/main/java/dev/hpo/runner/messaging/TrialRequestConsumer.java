package dev.hpo.runner.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.hpo.protocol.TrialRequest;
import dev.hpo.runner.training.TrialService;
import io.smallrye.common.annotation.Blocking;

/**
 * Takes trial requests off Kafka, one at a time, and hands them to {@link TrialService}.
 * <p>
 * The payload arrives as the raw JSON text, not as a deserialised {@code TrialRequest}: a record that is not a
 * request then becomes an exception here, which the connector's dead-letter strategy moves aside, instead of a
 * deserialisation failure that stops the channel. Training runs for minutes, so the handler blocks a worker
 * thread; {@code @Blocking} keeps one request at a time per runner.
 */
@ApplicationScoped
public class TrialRequestConsumer {

    public static final String CHANNEL = "trial-requests";

    private static final int QUOTED_PREFIX = 200;

    private final ObjectReader reader;
    private final TrialService trials;

    public TrialRequestConsumer(ObjectMapper mapper, TrialService trials) {
        this.reader = mapper.readerFor(TrialRequest.class);
        this.trials = trials;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String json) {
        trials.run(parse(json));
    }

    private TrialRequest parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedTrialRequestException("empty trial request", null);
        }
        try {
            TrialRequest request = reader.readValue(json);
            if (request == null) {
                throw new MalformedTrialRequestException("trial request is JSON null", null);
            }
            return request;
        } catch (JsonProcessingException e) {
            throw new MalformedTrialRequestException("not a trial request: " + e.getOriginalMessage() + " in '"
                    + abbreviate(json) + "'", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= QUOTED_PREFIX ? text : text.substring(0, QUOTED_PREFIX) + "...";
    }
}
