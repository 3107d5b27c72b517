package dev.hpo.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.hpo.study.algorithm.CoarseToFine;

/** {@code refine}: how many trials each phase gets, what is refused, and what the preview counts. */
class RefineSpecTest {

    private static String spec(String algorithm, String budget, String refine) {
        return """
                {"name": "refine", "objective": {"metric": "val_accuracy"},
                 "algorithm": %s, %s
                 "refine": %s,
                 "space": {
                   "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"},
                   "units": {"type": "int", "min": 32, "max": 512, "step": 32}
                 }}""".formatted(algorithm, budget, refine);
    }

    private static final String RANDOM = "{\"type\": \"random\", \"seed\": 1}";

    /** Random search, four epochs a trial, with {@code budget} ({@code maxTrials}) when not null. */
    private static String random(String budget, String refine) {
        return spec(RANDOM, (budget == null ? "" : budget) + " \"epochs\": 4,", refine);
    }

    @ParameterizedTest(name = "{0} {1}: after {2}, maxTrials {3}")
    @CsvSource(delimiter = '|', value = {
        "                  | {\"after\": 10, \"trials\": 10}  | 10 | 20",
        "\"maxTrials\": 30, | {\"trials\": 10}                | 20 | 30",
        "                  | {\"trials\": 5}                 | 10 | 15",
        "\"maxTrials\": 12, | {\"after\": 8, \"trials\": 4}    | 8  | 12"})
    void maxTrialsCountsBothPhases(String budget, String refine, int after, int maxTrials) {
        ValidStudy study = StudySpecReader.read(random(budget, refine));

        assertEquals(after, study.spec().refine().after());
        assertEquals(maxTrials, study.spec().maxTrials());
        assertEquals(3, study.spec().refine().keepTop(), "keepTop's default");
        assertInstanceOf(CoarseToFine.class, study.algorithm());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "\"maxTrials\": 25, | {\"after\": 10, \"trials\": 10}               | maxTrials",
        "\"maxTrials\": 10, | {\"trials\": 10}                             | refine.trials",
        "                  | {\"after\": 10}                              | refine.trials",
        "                  | {\"after\": 2, \"keepTop\": 3, \"trials\": 4}  | refine.keepTop",
        "                  | {\"after\": 0, \"trials\": 4}                 | refine.after",
        "                  | {\"trials\": 4, \"top\": 3}                   | refine.top"})
    void aRefineThatCannotWorkNamesItsField(String budget, String refine, String field) {
        InvalidStudyException e = assertThrows(InvalidStudyException.class,
                () -> StudySpecReader.read(random(budget, refine)));

        assertEquals(List.of(field), e.errors().stream().map(FieldError::field).toList(), e.getMessage());
    }

    @Test
    void hyperbandsCoarsePhaseIsItsPlanAndTheFinePhaseIsTheNextBracket() {
        String hyperband = "{\"type\": \"hyperband\", \"maxEpochs\": 10, \"factor\": 3, \"seed\": 1}";
        ValidStudy study = StudySpecReader.read(spec(hyperband, "", "{\"trials\": 5}"));

        assertEquals(22, study.spec().refine().after(), "the worked example's plan");
        assertEquals(27, study.spec().maxTrials());
        StudyPlan plan = StudyPlan.of(study, 0);
        assertEquals(27, plan.trials());
        assertEquals(120 + 5 * 10, plan.totalEpochs(), "the plan's epochs and five fine trials of maxEpochs");
        assertEquals(new StudyPlan.RefineView(22, 5, 3, 3), plan.refine());

        InvalidStudyException e = assertThrows(InvalidStudyException.class,
                () -> StudySpecReader.read(spec(hyperband, "", "{\"after\": 10, \"trials\": 5}")));
        assertEquals("refine.after", e.errors().get(0).field());
    }

    @Test
    void aGridsCoarsePhaseIsTheWholeGrid() {
        String grid = spec("{\"type\": \"grid\"}", "\"epochs\": 4,", "{\"trials\": 6}")
                .replace("\"sampling\": \"log\"", "\"sampling\": \"log\", \"samples\": 4");
        ValidStudy study = StudySpecReader.read(grid);

        assertEquals(64, study.spec().refine().after(), "4 learning rates by 16 unit counts");
        assertEquals(70, study.spec().maxTrials());
        assertEquals(List.of(), study.notes());
    }

    @Test
    void thePreviewCountsTheFinePhase() {
        StudyPlan plan = StudyPlan.of(StudySpecReader.read(random(null, "{\"after\": 10, \"trials\": 6}")), 0);

        assertEquals(16, plan.trials());
        assertEquals(16 * 4, plan.totalEpochs());
        assertEquals(new StudyPlan.RefineView(10, 6, 3, 1), plan.refine());
    }

    @Test
    void theStoredSpecReadsBackTheSame() {
        for (String algorithm : List.of(RANDOM, "{\"type\": \"hyperband\", \"maxEpochs\": 9, \"seed\": 2}",
                "{\"type\": \"asha\", \"maxEpochs\": 9, \"seed\": 2}")) {
            StudySpec stored = StudySpecReader.read(spec(algorithm, "", "{\"keepTop\": 2, \"trials\": 3}")).spec();

            assertEquals(stored, StudySpecReader.read(StudySpecReader.write(stored)).spec(), algorithm);
        }
    }

    @Test
    void withoutRefineNothingChanges() {
        ValidStudy study = StudySpecReader.read(random("\"maxTrials\": 7,", "null"));

        assertEquals(null, study.spec().refine());
        assertEquals(7, study.spec().maxTrials());
        assertTrue(StudyPlan.of(study, 0).refine() == null);
    }
}
