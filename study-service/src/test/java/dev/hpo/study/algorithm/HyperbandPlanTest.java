package dev.hpo.study.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Plans are written one bracket a line, "configs@epochs" per rung, most aggressive bracket first. */
class HyperbandPlanTest {

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("kerasTuner(81, 3)", HyperbandPlan.kerasTuner(81, 3, 1, 1), """
                        s=4: 81@1 27@3 9@9 3@27 1@81
                        s=3: 34@3 12@9 4@27 2@81
                        s=2: 15@9 5@27 2@81
                        s=1: 8@27 3@81
                        s=0: 5@81
                        """, 1767, 143),
                Arguments.of("kerasTuner(10, 3)", HyperbandPlan.kerasTuner(10, 3, 1, 1), """
                        s=2: 12@2 4@4 2@10
                        s=1: 6@4 2@10
                        s=0: 4@10
                        """, 120, 22),
                Arguments.of("paper(81, 3)", HyperbandPlan.paper(81, 3, 1), """
                        s=4: 81@1 27@3 9@9 3@27 1@81
                        s=3: 34@3 11@9 3@27 1@81
                        s=2: 15@9 5@27 1@81
                        s=1: 8@27 2@81
                        s=0: 5@81
                        """, 1581, 143),
                Arguments.of("paper(10, 3): 10/9 and 10/3 epochs round to 1 and 3",
                        HyperbandPlan.paper(10, 3, 1), """
                        s=2: 9@1 3@3 1@10
                        s=1: 5@3 1@10
                        s=0: 3@10
                        """, 74, 17),
                Arguments.of("paper(3, 2): 1.5 epochs round up to 2", HyperbandPlan.paper(3, 2, 1), """
                        s=1: 2@2 1@3
                        s=0: 2@3
                        """, 11, 4),
                Arguments.of("paper(1, 3): a single rung", HyperbandPlan.paper(1, 3, 1), """
                        s=0: 1@1
                        """, 1, 1),
                Arguments.of("kerasTuner(81, 3, minEpochs 9) drops the brackets starting below epoch 9",
                        HyperbandPlan.kerasTuner(81, 3, 9, 1), """
                        s=2: 15@9 5@27 2@81
                        s=1: 8@27 3@81
                        s=0: 5@81
                        """, 1116, 28));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void planHasTheExpectedBracketsAndBudget(String name, HyperbandPlan plan, String brackets, long totalEpochs,
            int totalTrials) {
        assertEquals(brackets, render(plan));
        assertEquals(totalEpochs, plan.totalEpochs(), "totalEpochs");
        assertEquals(totalTrials, plan.totalTrials(), "totalTrials");
    }

    /** Where math.log(maxEpochs, factor) is a whole number, or a hair off one, in Python. */
    static Stream<Arguments> kerasTunerExactPowers() {
        return Stream.of(
                Arguments.of(9, 3, """
                        s=2: 9@1 3@3 1@9
                        s=1: 5@3 2@9
                        s=0: 3@9
                        """, 75),
                Arguments.of(27, 3, """
                        s=3: 27@1 9@3 3@9 1@27
                        s=2: 12@3 4@9 2@27
                        s=1: 6@9 2@27
                        s=0: 4@27
                        """, 375),
                Arguments.of(8, 2, """
                        s=3: 8@1 4@2 2@4 1@8
                        s=2: 6@2 3@4 2@8
                        s=1: 4@4 2@8
                        s=0: 4@8
                        """, 102),
                Arguments.of(16, 2, """
                        s=4: 16@1 8@2 4@4 2@8 1@16
                        s=3: 10@2 5@4 3@8 2@16
                        s=2: 7@4 4@8 2@16
                        s=1: 5@8 3@16
                        s=0: 5@16
                        """, 310));
    }

    @ParameterizedTest(name = "kerasTuner({0}, {1})")
    @MethodSource("kerasTunerExactPowers")
    void kerasTunerPlansExactPowersAsPythonDoes(int maxEpochs, int factor, String brackets, long totalEpochs) {
        HyperbandPlan plan = HyperbandPlan.kerasTuner(maxEpochs, factor, 1, 1);
        assertEquals(brackets, render(plan));
        assertEquals(totalEpochs, plan.totalEpochs());
    }

    @ParameterizedTest(name = "maxEpochs {0}, factor {1}: 1 + ceil(log) = {2}")
    @CsvSource({
            "1, 3, 1", "2, 2, 2", "8, 2, 4", "9, 3, 3", "10, 3, 4", "27, 3, 4", "81, 3, 5", "243, 3, 6",
            "125, 5, 4", "216, 6, 4", "1000, 10, 4", "1001, 10, 5" })
    void bracket0EndSizeIsTheCeilingPythonComputes(int maxEpochs, int factor, int expected) {
        // math.log(243, 3) is 4.999999999999999, math.log(125, 5) and math.log(216, 6) 3.0000000000000004,
        // math.log(1000, 10) 2.9999999999999996: after 1 + and ceil, each lands on the exact answer
        assertEquals(expected, KerasTunerArithmetic.bracket0EndSize(maxEpochs, factor));
    }

    /** The numbers asserted by KerasTuner's own hyperband_test.py. */
    @ParameterizedTest(name = "maxEpochs {0}, factor {1}, bracket {2}, round {3}: {4} configs x {5} epochs")
    @CsvSource({
            "8, 2, 3, 0, 8, 1",
            "8, 2, 3, 3, 1, 8",
            "8, 2, 0, 0, 4, 8",
            "2, 2, 1, 0, 2, 1" })
    void kerasTunerArithmeticMatchesItsUpstreamTests(int maxEpochs, int factor, int bracket, int round, int size,
            int epochs) {
        assertEquals(size, KerasTunerArithmetic.size(maxEpochs, factor, bracket, round), "size");
        assertEquals(epochs, KerasTunerArithmetic.epochs(maxEpochs, factor, bracket, round), "epochs");
    }

    @ParameterizedTest(name = "maxEpochs {0}, factor {1}: {2} brackets")
    @CsvSource({ "8, 2, 4", "2, 2, 2", "10, 3, 3", "81, 3, 5", "1, 3, 1" })
    void kerasTunerCountsBracketsAsUpstream(int maxEpochs, int factor, int brackets) {
        assertEquals(brackets, KerasTunerArithmetic.numBrackets(maxEpochs, factor, 1));
    }

    @Test
    void kerasTunerKeepsPythonsRoundingOfSizes() {
        // 11 / 9 * 6561 is 8019.000000000001 and 11 / 9 * 81 is 99.00000000000001 in doubles, so KerasTuner plans
        // 8020 and 100 configurations where exact arithmetic would give 8019 and 99
        Bracket bracket8 = HyperbandPlan.kerasTuner(20000, 3, 1, 1).brackets().get(1);
        assertEquals(8, bracket8.s());
        assertEquals("s=8: 8020@4 2673@10 892@28 297@83 100@247 33@741 11@2223 4@6667 2@20000", render(bracket8));
    }

    @Test
    void iterationsRepeatTheBracketsAndMultiplyTheBudget() {
        HyperbandPlan twice = HyperbandPlan.kerasTuner(10, 3, 1, 2);
        HyperbandPlan once = HyperbandPlan.kerasTuner(10, 3, 1, 1);

        assertEquals(2 * once.totalEpochs(), twice.totalEpochs());
        assertEquals(2 * once.totalTrials(), twice.totalTrials());
        assertEquals(6, twice.sequenceLength());
        assertEquals(once.brackets().get(1), twice.bracketAt(4));
        assertEquals(10, twice.maxEpochs());
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of((Supplier<?>) () -> HyperbandPlan.kerasTuner(10, 1, 1, 1), "factor must be >= 2, was 1"),
                Arguments.of((Supplier<?>) () -> HyperbandPlan.paper(10, 1, 1), "factor must be >= 2, was 1"),
                Arguments.of((Supplier<?>) () -> HyperbandPlan.kerasTuner(0, 3, 1, 1),
                        "maxEpochs must be >= 1, was 0"),
                Arguments.of((Supplier<?>) () -> HyperbandPlan.paper(0, 3, 1), "maxEpochs must be >= 1, was 0"),
                Arguments.of((Supplier<?>) () -> HyperbandPlan.kerasTuner(10, 3, 0, 1),
                        "minEpochs must be >= 1, was 0"),
                Arguments.of((Supplier<?>) () -> HyperbandPlan.kerasTuner(10, 3, 11, 1),
                        "minEpochs must be <= maxEpochs (10), was 11"),
                Arguments.of((Supplier<?>) () -> HyperbandPlan.kerasTuner(10, 3, 1, 0),
                        "iterations must be >= 1, was 0"),
                Arguments.of((Supplier<?>) () -> HyperbandPlan.paper(10, 3, 0), "iterations must be >= 1, was 0"),
                Arguments.of((Supplier<?>) () -> new Bracket(1, List.of(new Rung(3, 4), new Rung(1, 4))),
                        "rung 1 must train beyond epoch 4, was 4"),
                Arguments.of((Supplier<?>) () -> new Bracket(1, List.of(new Rung(3, 1), new Rung(4, 3))),
                        "rung 1 must keep at most 3 configs, was 4"),
                Arguments.of((Supplier<?>) () -> new Bracket(2, List.of(new Rung(3, 1))),
                        "bracket 2 needs 3 rungs, was 1"),
                Arguments.of((Supplier<?>) () -> new Rung(0, 3), "configs must be >= 1, was 0"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badSettings")
    void badSettingsAreRefusedNamingTheValue(Supplier<?> create, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, create::get).getMessage());
    }

    private static String render(HyperbandPlan plan) {
        return plan.brackets().stream().map(b -> render(b) + "\n").collect(Collectors.joining());
    }

    private static String render(Bracket bracket) {
        return "s=" + bracket.s() + ": " + bracket.rungs().stream().map(r -> r.configs() + "@" + r.epochs())
                .collect(Collectors.joining(" "));
    }
}
