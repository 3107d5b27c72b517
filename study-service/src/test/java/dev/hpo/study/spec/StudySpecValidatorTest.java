package dev.hpo.study.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The cnn builder, builders of one's own, and the mnist and csv datasets. */
class StudySpecValidatorTest {

    private static final String CNN = """
            {"name": "cnn",
             "objective": {"metric": "val_accuracy"},
             "algorithm": {"type": "random", "seed": 1},
             "maxTrials": 4, "epochs": 2,
             "model": {"builder": "cnn"},
             "dataset": {"name": "fashion-mnist", "trainLimit": 2000},
             "space": {
               "conv_layers": {"type": "int", "min": 1, "max": 3},
               "filters": {"type": "choice", "values": [16, 32]},
               "kernel_size": {"type": "choice", "values": [3, 5]},
               "dropout": {"type": "float", "min": 0.0, "max": 0.5},
               "learning_rate": {"type": "float", "min": 0.0001, "max": 0.01, "sampling": "log"}
             }}""";

    private static final String CSV = """
            {"name": "iris",
             "objective": {"metric": "val_accuracy"},
             "maxTrials": 2, "epochs": 5,
             "dataset": {"name": "csv", "path": "/data/iris.csv", "labelColumn": "species",
                         "featureColumns": ["petal_length", "petal_width"], "validationSplit": 0.25},
             "space": {"units": {"type": "int", "min": 8, "max": 64}}}""";

    private static final String CUSTOM = """
            {"name": "mine",
             "objective": {"metric": "val_loss"},
             "maxTrials": 2, "epochs": 2,
             "model": {"builder": "resnet"},
             "space": {
               "depth": {"type": "choice", "values": [18, 34]},
               "width": {"type": "float", "min": 0.5, "max": 2.0},
               "learning_rate": {"type": "float", "min": 0.0001, "max": 0.1, "sampling": "log"}
             }}""";

    @Test
    void aCnnStudySearchesItsOwnAndTheTrainingHyperparameters() {
        ValidStudy study = StudySpecReader.read(CNN);

        assertEquals("cnn", study.spec().model().builder());
        assertEquals(List.of(), study.notes());
    }

    @Test
    void theCnnRefusesWhatItDoesNotReadOrAccept() {
        assertEquals(List.of("space.layers"), fields(StudySpecReader::read, CNN.replace("\"conv_layers\":",
                "\"layers\": {\"type\": \"int\", \"min\": 1, \"max\": 2}, \"conv_layers\":")));
        assertEquals(List.of("space.kernel_size"), fields(StudySpecReader::read, CNN.replace("[3, 5]", "[3, 4]")));
        assertEquals(List.of("space.conv_layers"), fields(StudySpecReader::read, CNN.replace("\"max\": 3", "\"max\": 4")));
        InvalidStudyException error = assertThrows(InvalidStudyException.class,
                () -> StudySpecReader.read(CNN.replace("[3, 5]", "[3, 4]")));
        assertEquals("value 4 is out of range: kernel_size must be 3 or 5", error.errors().get(0).message());
    }

    @Test
    void mnistIsKnownWithItsSixtyThousandTrainingImages() {
        StudySpecReader.read(CNN.replace("fashion-mnist", "mnist"));

        assertEquals(List.of("dataset.trainLimit"), fields(StudySpecReader::read,
                CNN.replace("fashion-mnist", "mnist").replace("2000", "60001")));
    }

    @Test
    void aCsvDatasetKeepsItsFieldsAndHasNoSizeToCheckTheTrainLimitAgainst() {
        ValidStudy study = StudySpecReader.read(CSV.replace("\"validationSplit\"", "\"trainLimit\": 999999,"
                + " \"validationSplit\""));

        StudySpec.Dataset dataset = study.spec().dataset();
        assertEquals(new StudySpec.Dataset("csv", 999_999, "/data/iris.csv", "species",
                List.of("petal_length", "petal_width"), 0.25), dataset);
        assertEquals(dataset, StudySpecReader.read(StudySpecReader.write(study.spec())).spec().dataset());
    }

    @Test
    void aCsvDatasetNeedsItsPathAndLabelColumn() {
        String bare = """
                {"name": "n", "objective": {"metric": "val_accuracy"}, "dataset": {"name": "csv"},
                 "space": {"units": {"type": "int", "min": 8, "max": 64}}}""";

        assertEquals(List.of("dataset.path", "dataset.labelColumn"), fields(StudySpecReader::read, bare));
    }

    @Test
    void csvFieldsAreCheckedNamingTheField() {
        assertEquals(List.of("dataset.validationSplit"), fields(StudySpecReader::read, CSV.replace("0.25", "1.0")));
        assertEquals(List.of("dataset.featureColumns"), fields(StudySpecReader::read,
                CSV.replace("\"petal_width\"]", "\"species\"]")));
        assertEquals(List.of("dataset.featureColumns"), fields(StudySpecReader::read,
                CSV.replace("[\"petal_length\", \"petal_width\"]", "[]")));
        assertEquals(List.of("dataset.trainLimit"), fields(StudySpecReader::read,
                CSV.replace("\"validationSplit\"", "\"trainLimit\": 0, \"validationSplit\"")));
    }

    @Test
    void csvFieldsOnAnImageDatasetAreRefused() {
        assertEquals(List.of("dataset.labelColumn"), fields(StudySpecReader::read,
                CNN.replace("\"trainLimit\": 2000", "\"labelColumn\": \"y\"")));
    }

    @Test
    void aBuilderOfOnesOwnIsRefusedUnlessListed() {
        InvalidStudyException error = assertThrows(InvalidStudyException.class, () -> StudySpecReader.read(CUSTOM));

        assertEquals("model.builder", error.errors().get(0).field());
        assertTrue(error.errors().get(0).message().contains("hpo.study.custom-model-builders"),
                error.errors().get(0).message());
    }

    @Test
    void aListedBuilderOfOnesOwnGetsItsHyperparametersUncheckedAndANoteSayingSo() {
        ValidStudy study = StudySpecReader.read(CUSTOM, Set.of("resnet"));

        assertEquals("resnet", study.spec().model().builder());
        assertEquals(List.of("model builder 'resnet' is not built in: study-service checks the training"
                + " hyperparameters only; [depth, width] go to the builder unchecked, and a runner reports a value"
                + " it refuses as the trial's failure"), study.notes());
    }

    @Test
    void theTrainingHyperparametersOfABuilderOfOnesOwnAreStillChecked() {
        assertEquals(List.of("space.learning_rate"), fields(json -> StudySpecReader.read(json, Set.of("resnet")),
                CUSTOM.replace("\"min\": 0.0001, \"max\": 0.1", "\"min\": 0.0001, \"max\": 20")));
        assertEquals(List.of("space.beta_1"), fields(json -> StudySpecReader.read(json, Set.of("resnet")),
                CUSTOM.replace("\"depth\":", "\"optimizer\": {\"type\": \"fixed\", \"value\": \"sgd\"},"
                        + " \"beta_1\": {\"type\": \"float\", \"min\": 0.8, \"max\": 0.9}, \"depth\":")));
    }

    @Test
    void aStoredStudyOfABuilderOfOnesOwnReadsWithoutTheSetting() {
        String stored = StudySpecReader.write(StudySpecReader.read(CUSTOM, Set.of("resnet")).spec());

        assertEquals("resnet", StudySpecReader.readStored(stored).spec().model().builder());
    }

    private static List<String> fields(java.util.function.Function<String, ValidStudy> read, String json) {
        InvalidStudyException error = assertThrows(InvalidStudyException.class, () -> read.apply(json));
        return error.errors().stream().map(FieldError::field).toList();
    }
}
