package dev.hpo.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StudySpecReaderTest {

    static final String VALID = """
            {"name": "fashion-mnist-random",
             "objective": {"metric": "val_accuracy", "direction": "maximize"},
             "algorithm": {"type": "random", "seed": 42},
             "maxTrials": 6, "parallelism": 2, "epochs": 3,
             "model": {"builder": "mlp"},
             "dataset": {"name": "fashion-mnist", "trainLimit": 5000},
             "space": {
               "units": {"type": "int", "min": 32, "max": 512, "step": 32},
               "learning_rate": {"type": "choice", "values": [0.01, 0.001, 0.0001]}
             }}""";

    @Test
    void theWorkedExampleIsValidAndKeepsItsSettings() {
        ValidStudy study = StudySpecReader.read(VALID);

        assertEquals(42L, study.seed());
        assertEquals(6, study.spec().maxTrials());
        assertTrue(study.maximize());
        assertEquals(List.of("units", "learning_rate"), List.copyOf(study.spec().space().keySet()));
    }

    @Test
    void defaultsAreFilledAndASeedIsChosen() {
        ValidStudy study = StudySpecReader.read("""
                {"name": "n", "objective": {"metric": "val_loss"},
                 "space": {"units": {"type": "int", "min": 32, "max": 64}}}""");

        assertEquals("minimize", study.spec().objective().direction());
        assertEquals("random", study.spec().algorithm().type());
        assertEquals("mlp", study.spec().model().builder());
        assertEquals("fashion-mnist", study.spec().dataset().name());
        assertEquals(10, study.spec().maxTrials());
        assertEquals(1, study.spec().parallelism());
        assertEquals(StudySpecReader.read(StudySpecReader.write(study.spec())).spec(), study.spec());
    }

    static List<Arguments> invalidSpecs() {
        return List.of(
                Arguments.of("missing name", VALID.replace("\"name\": \"fashion-mnist-random\",", ""), "name"),
                Arguments.of("unknown field", VALID.replace("\"maxTrials\"", "\"maxTrails\""), "maxTrails"),
                Arguments.of("number as string", VALID.replace("\"maxTrials\": 6", "\"maxTrials\": \"6\""),
                        "maxTrials"),
                Arguments.of("zero trials", VALID.replace("\"maxTrials\": 6", "\"maxTrials\": 0"), "maxTrials"),
                Arguments.of("negative parallelism", VALID.replace("\"parallelism\": 2", "\"parallelism\": -1"),
                        "parallelism"),
                Arguments.of("unknown algorithm", VALID.replace("\"random\"", "\"bayes-magic\""), "algorithm.type"),
                Arguments.of("unknown metric", VALID.replace("\"val_accuracy\"", "\"f1\""), "objective.metric"),
                Arguments.of("bad direction", VALID.replace("\"maximize\"", "\"up\""), "objective.direction"),
                Arguments.of("unknown builder", VALID.replace("\"mlp\"", "\"resnet\""), "model.builder"),
                Arguments.of("unknown dataset", VALID.replace("\"name\": \"fashion-mnist\"", "\"name\": \"cifar\""),
                        "dataset.name"),
                Arguments.of("train limit too big", VALID.replace("5000", "70000"), "dataset.trainLimit"),
                Arguments.of("min above max", VALID.replace("\"min\": 32, \"max\": 512", "\"min\": 600, \"max\": 512"),
                        "space.units.min"),
                Arguments.of("step not dividing", VALID.replace("\"step\": 32", "\"step\": 50"), "space.units.step"),
                Arguments.of("fractional int bound", VALID.replace("\"min\": 32,", "\"min\": 32.5,"),
                        "space.units.min"),
                Arguments.of("empty choice", VALID.replace("[0.01, 0.001, 0.0001]", "[]"),
                        "space.learning_rate.values"),
                Arguments.of("negative learning rate", VALID.replace("0.0001]", "-0.0001]"), "space.learning_rate"),
                Arguments.of("hyperparameter the model does not read", VALID.replace("\"units\":", "\"unitz\":"),
                        "space.unitz"),
                Arguments.of("unknown parameter type", VALID.replace("\"type\": \"int\"", "\"type\": \"integer\""),
                        "space.units.type"),
                Arguments.of("log sampling from zero", VALID.replace("\"step\": 32}", "\"step\": 32, \"sampling\": \"log\"}")
                        .replace("\"min\": 32", "\"min\": 0").replace("\"max\": 512", "\"max\": 512"),
                        "space.units"),
                Arguments.of("empty space", VALID.substring(0, VALID.indexOf("\"space\"")) + "\"space\": {}}", "space"),
                Arguments.of("log1m reaching 1", VALID.replace("\"learning_rate\": {\"type\": \"choice\", \"values\": [0.01, 0.001, 0.0001]}",
                        "\"learning_rate\": {\"type\": \"float\", \"min\": 0.9, \"max\": 1.0, \"sampling\": \"log1m\"}"),
                        "space.learning_rate.max"),
                Arguments.of("unknown parent", VALID.replace("\"values\": [0.01, 0.001, 0.0001]}",
                        "\"values\": [0.01, 0.001, 0.0001], \"parent\": \"optimizer\", \"parentValues\": [\"adam\"]}"),
                        "space.learning_rate.parent"),
                Arguments.of("parent value the parent never takes", VALID.replace("\"values\": [0.01, 0.001, 0.0001]}",
                        "\"values\": [0.01, 0.001, 0.0001], \"parent\": \"units\", \"parentValues\": [33]}"),
                        "space.learning_rate.parentValues"),
                Arguments.of("boolean with a range", VALID.replace("\"type\": \"int\", \"min\": 32", "\"type\": \"boolean\", \"min\": 32"),
                        "space.units.min"),
                Arguments.of("factor below two", VALID.replace("\"type\": \"random\", \"seed\": 42",
                        "\"type\": \"hyperband\", \"maxEpochs\": 10, \"factor\": 1").replace("\"maxTrials\": 6, ", "")
                        .replace("\"epochs\": 3,", ""), "algorithm.factor"),
                Arguments.of("hyperband with maxTrials", VALID.replace("\"type\": \"random\", \"seed\": 42",
                        "\"type\": \"hyperband\", \"maxEpochs\": 10").replace("\"epochs\": 3,", ""), "maxTrials"),
                Arguments.of("hyperband epochs unlike maxEpochs", VALID.replace("\"type\": \"random\", \"seed\": 42",
                        "\"type\": \"hyperband\", \"maxEpochs\": 10").replace("\"maxTrials\": 6, ", ""), "epochs"),
                Arguments.of("setting the algorithm does not use", VALID.replace("\"seed\": 42", "\"seed\": 42, \"factor\": 3"),
                        "algorithm.factor"),
                Arguments.of("unknown stopping rule", VALID.replace("\"maxTrials\"", "\"earlyStopping\": {\"type\": \"vibes\"}, \"maxTrials\""),
                        "earlyStopping.type"),
                Arguments.of("percentile rule without percentile", VALID.replace("\"maxTrials\"",
                        "\"earlyStopping\": {\"type\": \"percentile\"}, \"maxTrials\""), "earlyStopping.percentile"),
                Arguments.of("patience of zero", VALID.replace("\"maxTrials\"",
                        "\"earlyStopping\": {\"type\": \"patience\", \"patience\": 0}, \"maxTrials\""), "earlyStopping.patience"),
                Arguments.of("adam's beta_1 when only sgd runs", VALID.replace("\"units\": {",
                        "\"optimizer\": {\"type\": \"fixed\", \"value\": \"sgd\"}, \"beta_1\": {\"type\": \"float\", \"min\": 0.9, \"max\": 0.99}, \"units\": {"),
                        "space.beta_1"),
                Arguments.of("step schedule without its lists", VALID.replace("\"units\": {",
                        "\"lr_schedule\": {\"type\": \"fixed\", \"value\": \"step\"}, \"units\": {"), "space.lr_schedule"),
                Arguments.of("step schedule values not matching boundaries", VALID.replace("\"units\": {",
                        "\"lr_schedule\": {\"type\": \"fixed\", \"value\": \"step\"}, \"lr_boundaries\": {\"type\": \"fixed\", \"value\": [3, 6]}, "
                        + "\"lr_values\": {\"type\": \"fixed\", \"value\": [0.01, 0.001]}, \"units\": {"), "space.lr_values"),
                Arguments.of("unknown activation", VALID.replace("\"units\": {",
                        "\"activation\": {\"type\": \"choice\", \"values\": [\"relu\", \"swoosh\"]}, \"units\": {"), "space.activation"),
                Arguments.of("too many layers", VALID.replace("\"units\": {",
                        "\"layers\": {\"type\": \"int\", \"min\": 1, \"max\": 40}, \"units\": {"), "space.layers"),
                Arguments.of("malformed JSON", "{\"name\": ", ""),
                Arguments.of("trailing garbage", VALID + " {}", ""),
                Arguments.of("array instead of object", "[1, 2]", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void invalidSpecIsRefusedNamingTheField(String description, String json, String field) {
        InvalidStudyException e = assertThrows(InvalidStudyException.class, () -> StudySpecReader.read(json));
        assertTrue(e.errors().stream().anyMatch(error -> error.field().startsWith(field)),
                description + ": expected an error on '" + field + "' but got " + e.errors());
    }

    @Test
    void conditionalParameterIsActiveOnlyUnderItsParentsValues() {
        ValidStudy study = StudySpecReader.read(VALID.replace("\"learning_rate\": {", """
                "batch_size": {"type": "choice", "values": [32, 256], "parent": "units", "parentValues": [32, 64]},
                "learning_rate": {"""));
        assertTrue(study.space().condition("batch_size").isPresent());
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            var config = study.space().sample(random);
            int units = (Integer) config.get("units");
            assertEquals(units <= 64, config.containsKey("batch_size"), config.toString());
        }
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidStudyException e = assertThrows(InvalidStudyException.class, () -> StudySpecReader.read("""
                {"name": "", "objective": {"metric": "f1"}, "maxTrials": 0,
                 "space": {"units": {"type": "int", "min": 5, "max": 1}}}"""));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.containsAll(List.of("name", "objective.metric", "maxTrials", "space.units.min")),
                fields.toString());
    }
}
