package dev.hpo.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.hpo.study.spec.StudySpec.ParameterSpec;

/** The rules of thumb behind suggested spaces, as tables, and that every suggestion is a valid space. */
class SpaceSuggestionTest {

    private static SpaceSuggestion.Suggested suggest(int input, int output, String builder) {
        return SpaceSuggestion.suggest(new SpaceSuggestion.Request(input, output, builder, null, null));
    }

    @ParameterizedTest(name = "{0} → {1}: units {2}..{3} step {4}")
    @CsvSource({
        // input, output, min, max, step
        "784,    10,   16,    784, 16",   // Fashion-MNIST: 2/3·784 + 10 = 533 inside
        "4,      3,    3,     6,   1",    // iris: 2/3·4 + 3 ≈ 5.7 is above the input, below twice it
        "10,     10,   10,    17,  1",    // output = input: up to 2/3·10 + 10
        "4,      10,   4,     10,  1",    // output above twice the input: between the two sizes
        "64,     2,    2,     64,  1",
        "3072,   100,  128,   3072, 64",  // CIFAR-100
        "100000, 10,   1024,  65536, 1024", // cut at the most units the builders take
        "1,      1,    1,     1,   1"})
    void hiddenUnitsFollowHeatonsRulesOfThumb(int input, int output, int min, int max, int step) {
        SpaceSuggestion.UnitsRange units = SpaceSuggestion.hiddenUnits(input, output);

        assertEquals(List.of(min, max, step), List.of(units.min(), units.max(), units.step()));
        assertEquals(0, (units.max() - units.min()) % units.step(), "the step divides the range");
        assertTrue(units.min() >= Math.min(input, output), "not below the smaller size");
        assertTrue((units.max() - units.min()) / units.step() + 1 <= 2 * SpaceSuggestion.UNITS_VALUES,
                "at most 64 values");
        if (output < 2 * input) {
            assertTrue(units.max() < 2 * input, "fewer than twice the input");
        }
        if (units.heaton() < 2L * input && units.heaton() <= SpaceSuggestion.MAX_UNITS) {
            assertTrue(units.min() <= units.heaton() && units.heaton() <= units.max(), "around 2/3 input + output");
        }
    }

    @Test
    void fashionMnistUnitsRangeHoldsTwoThirdsOfTheInputPlusTheOutput() {
        ParameterSpec units = suggest(784, 10, "mlp").space().get("units");

        assertTrue(units.min() <= 2.0 / 3 * 784 + 10 && 2.0 / 3 * 784 + 10 <= units.max(), units.toString());
        assertEquals(16.0, units.step());
    }

    @ParameterizedTest(name = "{0} samples: {1}")
    @CsvSource(delimiter = '|', value = {
        "     | 32, 64, 128, 256, 512",
        "1000 | 32, 64, 128, 256, 512",
        "300  | 32, 64, 128, 256",
        "100  | 32, 64",
        "32   | 32",
        "20   | 2, 4, 8, 16",
        "1    | 1"})
    void batchSizesArePowersOfTwoNoLargerThanTheTrainingSet(Integer samples, String sizes) {
        assertEquals(sizes, SpaceSuggestion.batchSizes(samples).toString().replaceAll("[\\[\\]]", ""));
    }

    @ParameterizedTest(name = "{0} inputs: {1} convolution blocks")
    @CsvSource({"784, 3", "3072, 3", "64, 2", "16, 1", "1, 1"})
    void convolutionBlocksKeepTheFeatureMapsAtLeastTwoByTwo(int input, int blocks) {
        assertEquals(blocks, SpaceSuggestion.convLayers(input));
    }

    @Test
    void theMlpSpaceScalesEachHyperparameterAsTheAdviceSays() {
        Map<String, ParameterSpec> space = suggest(784, 10, "mlp").space();

        assertEquals(List.of("learning_rate", "optimizer", "beta_1", "momentum", "batch_size", "layers", "units",
                "l2"), List.copyOf(space.keySet()));
        assertEquals(new ParameterSpec("float", 1e-4, 1e-1, null, "log", null, null), space.get("learning_rate"));
        assertEquals(new ParameterSpec("float", 0.9, 0.999, null, "log1m", null, null, null, "optimizer",
                List.of("adam")), space.get("beta_1"));
        assertEquals(List.of("rmsprop", "sgd"), space.get("momentum").parentValues());
        assertEquals("log1m", space.get("momentum").sampling());
        assertEquals(List.of(32, 64, 128, 256, 512), space.get("batch_size").values());
        assertEquals(List.of(1.0, 3.0), List.of(space.get("layers").min(), space.get("layers").max()));
        assertEquals(new ParameterSpec("float", 1e-6, 1e-2, null, "log", null, null), space.get("l2"));
    }

    @Test
    void everyRangeHasItsReasonAndTheRulesAreAttributed() {
        for (String builder : List.of("mlp", "cnn")) {
            SpaceSuggestion.Suggested suggested = SpaceSuggestion.suggest(
                    new SpaceSuggestion.Request(784, 10, builder, 60_000, true));

            assertEquals(suggested.space().keySet(), suggested.reasons().keySet());
            suggested.reasons().values().forEach(r -> assertTrue(r.length() > 20, r));
        }
        Map<String, String> reasons = suggest(784, 10, "mlp").reasons();
        assertTrue(reasons.get("units").contains("Heaton") && reasons.get("units").contains("(533)"),
                reasons.get("units"));
        assertTrue(reasons.get("learning_rate").contains("appropriate scale"), reasons.get("learning_rate"));
        assertTrue(reasons.get("beta_1").contains("1 − β"), reasons.get("beta_1"));
    }

    @Test
    void theCnnSpaceSearchesItsOwnHyperparameters() {
        Map<String, ParameterSpec> space = suggest(784, 10, "cnn").space();

        assertEquals(List.of("learning_rate", "optimizer", "beta_1", "momentum", "batch_size", "conv_layers",
                "filters", "kernel_size", "units", "l2"), List.copyOf(space.keySet()));
        assertEquals(new ParameterSpec("int", 16.0, 64.0, 2.0, "log", null, null), space.get("filters"));
        assertEquals(List.of(3, 5), space.get("kernel_size").values());
        assertEquals(3.0, space.get("conv_layers").max());
    }

    @Test
    void theCoarseToFineExampleSearchesTheSuggestedSpace() throws Exception {
        StudySpec example = StudySpecReader.parse(Files.readString(Path.of("../docs/examples/refine-random.json")));

        assertEquals(suggest(784, 10, "mlp").space(), example.space());
    }

    @Test
    void dropoutIsSearchedWhenAskedFor() {
        SpaceSuggestion.Suggested suggested = SpaceSuggestion.suggest(
                new SpaceSuggestion.Request(784, 10, "mlp", null, true));

        assertEquals(new ParameterSpec("float", 0.0, 0.5, null, null, null, null), suggested.space().get("dropout"));
        assertNull(suggest(784, 10, "mlp").space().get("dropout"));
    }

    @ParameterizedTest(name = "{2} {0} → {1}, {3} samples")
    @CsvSource({
        "784,    10,   mlp, ",
        "784,    10,   cnn, 60000",
        "4,      3,    mlp, 120",
        "4,      10,   mlp, 20",
        "100000, 1000, mlp, 1",
        "1,      1,    mlp, ",
        "64,     2,    cnn, ",
        "3072,   100,  cnn, 50000"})
    void theSuggestionIsAValidSpaceForAStudyWithThatBuilder(int input, int output, String builder, Integer samples)
            throws Exception {
        SpaceSuggestion.Suggested suggested = SpaceSuggestion.suggest(
                new SpaceSuggestion.Request(input, output, builder, samples, true));
        StudySpec spec = new StudySpec("suggested", new StudySpec.Objective("val_accuracy", null), null, null, null,
                null, null, null, new StudySpec.Model(builder), null, suggested.space());

        ValidStudy study = StudySpecValidator.validate(spec);

        assertEquals(List.of(), study.notes(), "the conditions are explicit, nothing is left for the validator");
        // and as JSON, the way a user pastes it into a spec
        String json = new ObjectMapper().writeValueAsString(suggested.space());
        assertTrue(!json.contains("null"), json);
        StudySpecReader.read("{\"name\": \"pasted\", \"objective\": {\"metric\": \"val_accuracy\"},"
                + " \"model\": {\"builder\": \"" + builder + "\"}, \"space\": " + json + "}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing input size    |      | 10 | mlp    |      | inputSize",
        "negative output size  | 784  | -2 | mlp    |      | outputSize",
        "unknown builder       | 784  | 10 | resnet |      | builder",
        "no samples            | 784  | 10 | mlp    | 0    | samples"})
    void badInputNamesTheField(String name, Integer input, Integer output, String builder, Integer samples,
            String field) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SpaceSuggestion.suggest(
                new SpaceSuggestion.Request(input, output, builder, samples, null)));

        assertEquals(List.of(field), e.errors().stream().map(FieldError::field).toList(), e.getMessage());
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SpaceSuggestion.suggest(
                new SpaceSuggestion.Request(null, 0, "rnn", -5, null)));

        assertEquals(List.of("inputSize", "outputSize", "builder", "samples"),
                e.errors().stream().map(FieldError::field).toList());
    }
}
