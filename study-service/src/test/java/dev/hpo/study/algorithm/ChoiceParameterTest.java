package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ChoiceParameterTest {

    @Test
    void everyValueIsDrawnAboutEquallyOften() {
        ChoiceParameter lr = new ChoiceParameter("learning_rate", List.of(1e-2, 1e-3, 1e-4));
        SplittableRandom random = new SplittableRandom(11);
        Map<Object, Integer> counts = new HashMap<>();
        for (int i = 0; i < 9_000; i++) {
            counts.merge(lr.sample(random), 1, Integer::sum);
        }
        assertEquals(3, counts.size());
        counts.values().forEach(c -> assertEquals(3_000, c, 250));
    }

    @Test
    void emptyChoiceIsRefusedNamingValues() {
        assertEquals("values", assertThrows(InvalidParameterException.class,
                () -> new ChoiceParameter("optimizer", List.of())).field());
    }

    @Test
    void duplicateValuesAreRefused() {
        assertEquals("values", assertThrows(InvalidParameterException.class,
                () -> new ChoiceParameter("optimizer", List.of("adam", "adam"))).field());
    }
}
