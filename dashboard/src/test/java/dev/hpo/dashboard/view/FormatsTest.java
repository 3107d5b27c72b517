package dev.hpo.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void realsPrintInTheirShortestExactForm() {
        assertEquals("0.0001", Formats.param(1.0E-4));
        assertEquals("480", Formats.param(480.0));
        assertEquals("adam", Formats.param("adam"));
        assertEquals("–", Formats.param(null));
    }

    @Test
    void metricsHaveFourDecimalsAndADashWhenMissing() {
        assertEquals("0.8712", Formats.metric(0.87123));
        assertEquals("–", Formats.metric(null));
        assertEquals("–", Formats.metric(Double.NaN));
    }

    @Test
    void settingsReadTypeFirstThenTheRest() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("minTrials", 5);
        rule.put("type", "median");
        rule.put("warmupEpochs", 2);
        assertEquals("median · minTrials 5 · warmupEpochs 2", Formats.entries(rule));
    }

    @Test
    void timesAreUtcToTheSecond() {
        assertEquals("2026-11-27 10:00:05 UTC", Formats.time(Instant.parse("2026-11-27T10:00:05.123Z")));
        assertEquals("3 min", Formats.duration(Instant.parse("2026-11-27T10:00:00Z"),
                Instant.parse("2026-11-27T10:03:10Z")));
    }

    @Test
    void urlValuesArePercentEncoded() {
        assertEquals("a%2Fb+c", Formats.url("a/b c"));
    }
}
