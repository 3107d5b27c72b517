package dev.hpo.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void anUnconditionalAdamOnlySettingIsNoted() throws IOException {
        String spec = Files.readString(EXAMPLES.resolve("conditional-optimizers.json"))
                .replace(", \"parent\": \"optimizer\", \"parentValues\": [\"adam\"]", "");
        ValidStudy study = StudySpecReader.read(spec);
        assertTrue(study.notes().stream().anyMatch(n -> n.startsWith("beta_1 is read only when optimizer")),
                study.notes().toString());
    }
}
