package dev.hpo.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples in docs/examples are what users copy first: each must be a valid study. */
class ExampleSpecsTest {

    private static final Path EXAMPLES = Path.of("../docs/examples");

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleIsAValidStudy(Path example) throws IOException {
        ValidStudy study = StudySpecReader.read(Files.readString(example));
        assertTrue(study.spec().maxTrials() >= 1);
    }

    @Test
    void conditionalOptimizerExampleHasNoIgnoredHyperparameters() throws IOException {
        ValidStudy study = StudySpecReader.read(Files.readString(EXAMPLES.resolve("conditional-optimizers.json")));
        assertEquals(List.of(), study.notes());
    }

    @Test
    void anAdamOnlySettingWithoutConditionIsSearchedOnlyUnderAdam() throws IOException {
        String spec = Files.readString(EXAMPLES.resolve("conditional-optimizers.json"))
                .replace(", \"parent\": \"optimizer\", \"parentValues\": [\"adam\"]", "");
        ValidStudy study = StudySpecReader.read(spec);

        assertTrue(study.notes().stream().anyMatch(n -> n.startsWith("beta_1 is searched only when optimizer")),
                study.notes().toString());
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            Map<String, Object> config = study.space().sample(random);
            assertEquals("adam".equals(config.get("optimizer")), config.containsKey("beta_1"), config.toString());
        }
    }

    @Test
    void cnnExampleSearchesTheCnnBuildersHyperparameters() throws IOException {
        ValidStudy study = StudySpecReader.read(Files.readString(EXAMPLES.resolve("cnn-fashion-mnist.json")));

        assertEquals("cnn", study.spec().model().builder());
        assertEquals(List.of(), study.notes());
        Map<String, Object> config = study.space().sample(new SplittableRandom(1));
        assertTrue(List.of(3, 5).contains(config.get("kernel_size")), config.toString());
    }

    @Test
    void perLayerUnitsAreSearchedOnlyWhenTheLayerExists() throws IOException {
        ValidStudy study = StudySpecReader.read(Files.readString(EXAMPLES.resolve("fashion-mnist-random.json"))
                .replace("\"units\": {\"type\": \"int\", \"min\": 32, \"max\": 512, \"step\": 32},", """
                        "layers": {"type": "int", "min": 1, "max": 3},
                        "units_1": {"type": "int", "min": 32, "max": 512, "step": 32},
                        "units_2": {"type": "int", "min": 32, "max": 256, "step": 32},
                        "units_3": {"type": "int", "min": 16, "max": 128, "step": 16},"""));
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            Map<String, Object> config = study.space().sample(random);
            int layers = (Integer) config.get("layers");
            for (int layer = 1; layer <= 3; layer++) {
                assertEquals(layer <= layers, config.containsKey("units_" + layer), config.toString());
            }
        }
    }
}
