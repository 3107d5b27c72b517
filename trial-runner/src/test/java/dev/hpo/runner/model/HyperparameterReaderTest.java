package dev.hpo.runner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class HyperparameterReaderTest {

    @Test
    void readsTypedValuesAndTakesTheFallbackForAbsentOrNull() {
        Map<String, Object> values = new HashMap<>();
        values.put("units", 64.0);
        values.put("bias", true);
        values.put("gone", null);
        HyperparameterReader reader = new HyperparameterReader(values);

        assertEquals(64, reader.wholeNumber("units", 1, 1, 100));
        assertEquals(true, reader.bool("bias", false));
        assertEquals(0.5, reader.fraction("gone", 0.5));
        assertEquals(3, reader.wholeNumberOf("kernel", 3, List.of(3, 5)));
        assertEquals(Set.of(), reader.unread());
    }

    @Test
    void refusesUnreadNamesSayingWhereTheyApply() {
        HyperparameterReader reader = new HyperparameterReader(Map.of("a", 1, "b", 2));
        reader.number("a", 0);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> reader.refuseUnread(name -> "mode x", "mode y"));

        assertEquals("hyperparameter [b] does not apply to this trial (mode y): 'b' applies only with mode x. Send a"
                + " hyperparameter only when it applies.", error.getMessage());
    }

    @Test
    void listShortensRunsOfNumberedNames() {
        assertEquals("layers, units, units_1 … units_4, activation", HyperparameterReader.list(
                List.of("layers", "units", "units_1", "units_2", "units_3", "units_4", "activation")));
        assertEquals("beta_1, beta_2, epsilon", HyperparameterReader.list(List.of("beta_1", "beta_2", "epsilon")));
    }
}
