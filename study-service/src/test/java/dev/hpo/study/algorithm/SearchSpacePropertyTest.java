package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Properties of {@link SearchSpace} over many random but valid spaces ({@link RandomSearchSpaces}): what
 * {@code sample} draws, what {@code contains} accepts, and what {@code enumerate} lists. Each check is written
 * from the documented meaning of a setting, not by calling the code under test a second time.
 */
class SearchSpacePropertyTest {

    private static final int SPACES = 400;
    private static final int SAMPLES_PER_SPACE = 200;
    /** Fewer for the checks that edit each sample once per parameter. */
    private static final int EDITED_SAMPLES_PER_SPACE = 20;

    @Test
    void theRandomSpacesCoverEveryKindOfParameterAndCondition() {
        Set<String> kinds = new TreeSet<>();
        for (long seed = 0; seed < SPACES; seed++) {
            SearchSpace space = RandomSearchSpaces.any(seed);
            Map<String, Parameter> byName = new HashMap<>();
            for (Parameter parameter : space.parameters()) {
                byName.put(parameter.name(), parameter);
                kinds.add(kind(parameter));
                space.condition(parameter.name()).ifPresent(c -> kinds.add("child of a "
                        + kind(byName.get(c.parent())) + (space.condition(c.parent()).isPresent() ? " child" : "")));
            }
        }

        assertEquals(new TreeSet<>(List.of("boolean", "choice", "fixed",
                "int LINEAR", "int LINEAR step", "int LOG", "int LOG step", "int REVERSE_LOG", "int REVERSE_LOG step",
                "float LINEAR", "float LINEAR samples", "float LINEAR step",
                "float LOG", "float LOG samples", "float LOG step",
                "float REVERSE_LOG", "float REVERSE_LOG samples", "float REVERSE_LOG step",
                "float LOG1M", "float LOG1M samples",
                "child of a choice", "child of a boolean", "child of a boolean child")), kinds);
    }

    @Test
    void everySampleIsContainedInItsSpace() {
        forEachSample(SAMPLES_PER_SPACE,
                (space, config) -> assertTrue(space.contains(config), () -> config + " not in " + space));
    }

    @Test
    void everySampledValueIsInRangeAndOnItsParametersGrid() {
        forEachSample(SAMPLES_PER_SPACE, (space, config) -> {
            for (Parameter parameter : space.parameters()) {
                if (config.containsKey(parameter.name())) {
                    assertOnGrid(parameter, config.get(parameter.name()));
                }
            }
        });
    }

    @Test
    void activeParametersArePresentAndInactiveOnesAbsentInDeclarationOrder() {
        forEachSample(SAMPLES_PER_SPACE, (space, config) -> {
            List<String> expected = new ArrayList<>();
            for (Parameter parameter : space.parameters()) {
                Condition condition = space.conditions().get(parameter.name());
                if (condition == null || condition.values().stream()
                        .anyMatch(v -> Values.same(v, config.get(condition.parent())))) {
                    expected.add(parameter.name());
                }
            }
            assertEquals(expected, List.copyOf(config.keySet()), () -> "conditions " + space.conditions());
        });
    }

    @Test
    void containsRejectsAnInactiveChildAMissingActiveOneAndAnUnknownName() {
        forEachSample(EDITED_SAMPLES_PER_SPACE, (space, config) -> {
            for (Parameter parameter : space.parameters()) {
                Map<String, Object> changed = new LinkedHashMap<>(config);
                if (config.containsKey(parameter.name())) {
                    changed.remove(parameter.name());
                } else {
                    changed.put(parameter.name(), parameter.boundaryValues().get(0));
                }
                assertFalse(space.contains(changed), () -> "accepted " + changed);
            }
            Map<String, Object> extra = new LinkedHashMap<>(config);
            extra.put("not_a_parameter", 1);
            assertFalse(space.contains(extra));
        });
    }

    @Test
    void containsRejectsValuesBetweenGridPointsAndOutOfRange() {
        forEachSample(EDITED_SAMPLES_PER_SPACE, (space, config) -> {
            for (Parameter parameter : space.parameters()) {
                Object value = config.get(parameter.name());
                if (value == null) {
                    continue;
                }
                for (Object outside : valuesOffTheGrid(parameter, value)) {
                    Map<String, Object> changed = new LinkedHashMap<>(config);
                    changed.put(parameter.name(), outside);
                    assertFalse(space.contains(changed), () -> parameter + " accepted " + outside);
                }
            }
        });
    }

    @Test
    void enumerationListsDistinctConfigurationsEachContained() {
        for (long seed = 0; seed < SPACES; seed++) {
            SearchSpace space = RandomSearchSpaces.finite(seed);
            List<Map<String, Object>> all = space.enumerate().orElseThrow(() -> new AssertionError(space));

            assertEquals(all.size(), new HashSet<>(all).size(), "duplicates in " + space);
            all.forEach(config -> assertTrue(space.contains(config), () -> config + " not in " + space));
        }
    }

    @Test
    void enumerationListsExactlyTheConfigurationsTheConditionsAllow() {
        for (long seed = 0; seed < SPACES; seed++) {
            SearchSpace space = RandomSearchSpaces.finite(seed);

            assertEquals(allowedConfigurations(space), new HashSet<>(space.enumerate().orElseThrow()),
                    "space " + space);
        }
    }

    @Test
    void everySampleOfAFiniteSpaceIsAmongItsEnumeration() {
        for (long seed = 0; seed < SPACES; seed++) {
            SearchSpace space = RandomSearchSpaces.finite(seed);
            Set<Map<String, Object>> all = new HashSet<>(space.enumerate().orElseThrow());
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < SAMPLES_PER_SPACE; i++) {
                Map<String, Object> config = space.sample(random);
                assertTrue(all.contains(config), () -> config + " not enumerated for " + space);
            }
        }
    }

    @Test
    void enumerationVariesTheLastParameterFastest() {
        for (long seed = 0; seed < SPACES; seed++) {
            SearchSpace space = RandomSearchSpaces.finite(seed);
            List<Map<String, Object>> all = space.enumerate().orElseThrow();
            for (int i = 1; i < all.size(); i++) {
                List<Integer> previous = positions(space, all.get(i - 1));
                List<Integer> next = positions(space, all.get(i));
                assertTrue(compareLexicographically(previous, next) < 0,
                        "not in order: " + all.get(i - 1) + " then " + all.get(i));
            }
        }
    }

    @Test
    void enumerationOfAConditionalSpaceAsWritten() {
        SearchSpace space = new SearchSpace(List.of(
                new ChoiceParameter("optimizer", List.of("adam", "sgd")),
                new ChoiceParameter("momentum", List.of(0.9, 0.99)),
                new IntParameter("units", 32, 64, 32)),
                Map.of("momentum", new Condition("optimizer", List.of("sgd"))));

        assertEquals(List.of(
                Map.of("optimizer", "adam", "units", 32),
                Map.of("optimizer", "adam", "units", 64),
                Map.of("optimizer", "sgd", "momentum", 0.9, "units", 32),
                Map.of("optimizer", "sgd", "momentum", 0.9, "units", 64),
                Map.of("optimizer", "sgd", "momentum", 0.99, "units", 32),
                Map.of("optimizer", "sgd", "momentum", 0.99, "units", 64)), space.enumerate().orElseThrow());
    }

    @Test
    void aSpaceWithAContinuousParameterIsNotEnumerated() {
        SearchSpace space = new SearchSpace(List.of(new BooleanParameter("batch_norm"),
                new FloatParameter("learning_rate", 1e-4, 1e-1, null, Sampling.LOG)));

        assertEquals(Optional.empty(), space.enumerate());
    }

    private interface SampleCheck {
        void check(SearchSpace space, Map<String, Object> config);
    }

    private static void forEachSample(int samplesPerSpace, SampleCheck check) {
        for (long seed = 0; seed < SPACES; seed++) {
            SearchSpace space = RandomSearchSpaces.any(seed);
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < samplesPerSpace; i++) {
                check.check(space, space.sample(random));
            }
        }
    }

    /** The kind of parameter and the settings that decide how it samples. */
    private static String kind(Parameter parameter) {
        if (parameter instanceof IntParameter p) {
            return "int " + p.sampling() + (p.step() == null ? "" : " step");
        }
        if (parameter instanceof FloatParameter p) {
            return "float " + p.sampling() + (p.step() != null ? " step" : p.samples() != null ? " samples" : "");
        }
        return parameter instanceof ChoiceParameter ? "choice" : parameter instanceof BooleanParameter ? "boolean"
                : "fixed";
    }

    /** Checks {@code value} against what the parameter's settings mean, independently of its own grid code. */
    private static void assertOnGrid(Parameter parameter, Object value) {
        if (parameter instanceof IntParameter p) {
            int v = assertInstanceOf(Integer.class, value, p.name());
            assertTrue(v >= p.min() && v <= p.max(), () -> p + " drew " + v);
            if (p.sampling() == Sampling.LINEAR) {
                int step = p.step() == null ? 1 : p.step();
                assertEquals(0, (v - p.min()) % step, () -> p + " drew " + v);
            } else if (p.step() != null) {
                long power = p.sampling() == Sampling.LOG ? v : (long) p.max() + p.min() - v;
                assertTrue(isPowerMultiple(power, p.min(), p.step()), () -> p + " drew " + v);
            }
        } else if (parameter instanceof FloatParameter p) {
            double v = assertInstanceOf(Double.class, value, p.name());
            assertTrue(v >= p.min() && v <= p.max(), () -> p + " drew " + v);
            if (p.samples() != null) {
                assertTrue(isOneOfTheEvenlySpacedPoints(p, v), () -> p + " drew " + v);
            } else if (p.step() != null && p.sampling() == Sampling.LINEAR) {
                double k = (v - p.min()) / p.step();
                assertEquals(Math.rint(k), k, 1e-9, () -> p + " drew " + v);
            } else if (p.step() != null) {
                double power = p.sampling() == Sampling.LOG ? v : p.max() + p.min() - v;
                double k = Math.log(power / p.min()) / Math.log(p.step());
                assertEquals(Math.rint(k), k, 1e-9, () -> p + " drew " + v);
            }
        } else if (parameter instanceof ChoiceParameter p) {
            assertTrue(p.values().contains(value), () -> p + " drew " + value);
        } else if (parameter instanceof BooleanParameter p) {
            assertInstanceOf(Boolean.class, value, p.name());
        } else if (parameter instanceof FixedParameter p) {
            assertEquals(p.value(), value);
        } else {
            fail("unknown parameter " + parameter);
        }
    }

    private static boolean isPowerMultiple(long value, int min, int step) {
        for (long power = min; power <= value; power *= step) {
            if (power == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * The points i / (samples - 1) of the unit scale mapped onto the range, as the samples setting means; the
     * parameter prints them to 12 significant digits, hence the tolerance.
     */
    private static boolean isOneOfTheEvenlySpacedPoints(FloatParameter p, double v) {
        for (int i = 0; i < p.samples(); i++) {
            double point = p.sampling().fromUnit((double) i / (p.samples() - 1), p.min(), p.max());
            if (Math.abs(point - v) <= 1e-10 * Math.max(Math.abs(point), Double.MIN_NORMAL)) {
                return true;
            }
        }
        return false;
    }

    /** Values next to {@code value} that the parameter cannot take: between grid points, or just out of range. */
    private static List<Object> valuesOffTheGrid(Parameter parameter, Object value) {
        List<Object> off = new ArrayList<>();
        if (parameter instanceof IntParameter p) {
            off.add(p.min() - 1);
            off.add(p.max() + 1);
            int step = p.step() == null ? 1 : p.step();
            if (p.sampling() == Sampling.LINEAR && step > 1 && (Integer) value < p.max()) {
                off.add((Integer) value + 1);
            }
            off.add(((Integer) value).doubleValue() + 0.5); // not an integer
        } else if (parameter instanceof FloatParameter p) {
            off.add(p.min() - (p.max() - p.min()) * 1e-3);
            off.add(p.max() + (p.max() - p.min()) * 1e-3);
            if (p.step() != null && p.sampling() == Sampling.LINEAR) {
                off.add(p.min() + p.step() / 2);
            }
        } else if (parameter instanceof ChoiceParameter || parameter instanceof FixedParameter) {
            off.add("surely_not_a_value");
        } else if (parameter instanceof BooleanParameter) {
            off.add("true");
        }
        return off;
    }

    /**
     * The configurations the documentation allows, found without {@code enumerate}: every combination of each
     * parameter's values or absence, kept when exactly the parameters whose condition holds are present.
     */
    private static Set<Map<String, Object>> allowedConfigurations(SearchSpace space) {
        List<Map<String, Object>> partial = List.of(new LinkedHashMap<>());
        for (Parameter parameter : space.parameters()) {
            List<Map<String, Object>> extended = new ArrayList<>();
            for (Map<String, Object> config : partial) {
                extended.add(config);
                for (Object value : parameter.finiteValues().orElseThrow()) {
                    Map<String, Object> with = new LinkedHashMap<>(config);
                    with.put(parameter.name(), value);
                    extended.add(with);
                }
            }
            partial = extended;
        }
        Set<Map<String, Object>> allowed = new HashSet<>();
        for (Map<String, Object> config : partial) {
            boolean presentExactlyWhenActive = space.parameters().stream().allMatch(p -> {
                Condition condition = space.conditions().get(p.name());
                boolean active = condition == null || (config.containsKey(condition.parent())
                        && condition.values().stream().anyMatch(v -> Values.same(v, config.get(condition.parent()))));
                return active == config.containsKey(p.name());
            });
            if (presentExactlyWhenActive) {
                allowed.add(config);
            }
        }
        return allowed;
    }

    /** Each parameter's value as its position in the parameter's value list, -1 when absent. */
    private static List<Integer> positions(SearchSpace space, Map<String, Object> config) {
        List<Integer> positions = new ArrayList<>();
        for (Parameter parameter : space.parameters()) {
            Object value = config.get(parameter.name());
            positions.add(value == null ? -1 : parameter.finiteValues().orElseThrow().indexOf(value));
        }
        return positions;
    }

    private static int compareLexicographically(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
